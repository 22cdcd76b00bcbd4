import { z } from 'zod';
import { method } from './define';
import { idString, isoDate, nameString, noInput } from './common';

/**
 * Profiles, roles and the admin lock. A caller (one app window, one web-host socket) signs in as a
 * profile; what each contract method needs is declared once in `roles.ts` and checked by the
 * dispatcher for every transport. The PIN and technician codes never leave the core: only whether
 * one is set.
 */

export const profileRole = z.enum(['technician', 'admin']);
export type ProfileRole = z.infer<typeof profileRole>;

/** How technicians sign in: by picking their name, or with their own code. */
export const technicianSignIn = z.enum(['name', 'code']);

const pinString = z.string().min(4).max(128);

export const profileView = z.object({
  id: z.string(),
  name: z.string(),
  role: profileRole,
  hasPin: z.boolean(),
  hasCode: z.boolean(),
  createdAt: isoDate
});
export type ProfileView = z.infer<typeof profileView>;

export const signedInAs = z.object({
  profileId: z.string(),
  name: z.string(),
  role: profileRole,
  /** Admin methods run only while this is true (PIN entered, not idle for `unlockMinutes`). */
  adminUnlocked: z.boolean(),
  unlockExpiresAt: isoDate.nullable(),
  /** The CLI / in-process API: acts as the local admin (see README "Roles"). */
  local: z.boolean()
});
export type SignedInAs = z.infer<typeof signedInAs>;

export const accessStatus = z.object({
  /** No admin has a PIN yet (a fresh install): every caller acts as the first admin until one is set. */
  openMode: z.boolean(),
  technicianSignIn,
  unlockMinutes: z.number().int(),
  me: signedInAs.nullable(),
  /** For the sign-in picker: names and roles only. */
  profiles: z.array(z.object({ id: z.string(), name: z.string(), role: profileRole }))
});
export type AccessStatus = z.infer<typeof accessStatus>;

export const accessMethods = {
  status: method(noInput, accessStatus, 'Who this caller is signed in as, and the profiles to pick from.'),
  signIn: method(
    z.object({ profileId: idString, secret: z.string().max(128).default('') }).strict(),
    accessStatus.extend({ resumeToken: z.string() }),
    'Sign in as a profile: admins with their PIN, technicians by name or with their code (setting).'
  ),
  resume: method(
    z.object({ token: z.string().min(1).max(200) }).strict(),
    accessStatus,
    'Sign a reconnected socket back in with the token signIn returned (kept by the page, 12 h, void after sign-out).'
  ),
  signOut: method(noInput, accessStatus, 'Sign this caller out.'),
  unlock: method(z.object({ pin: z.string().max(128) }).strict(), accessStatus, 'Re-enter the admin PIN after the lock expired.'),
  lock: method(noInput, accessStatus, 'Lock admin actions now (stay signed in).'),
  profiles: method(noInput, z.array(profileView), 'Every profile (admin).'),
  createProfile: method(
    z.object({ name: z.string().trim().min(1).max(100), role: profileRole, pin: pinString.optional(), code: pinString.optional() }).strict(),
    profileView,
    'Add a profile; admins need a PIN.'
  ),
  updateProfile: method(
    z
      .object({
        id: idString,
        name: z.string().trim().min(1).max(100).optional(),
        role: profileRole.optional(),
        pin: pinString.optional(),
        code: pinString.optional()
      })
      .strict(),
    profileView,
    'Rename a profile, change its role, set its PIN or code (setting the first admin PIN ends open mode).'
  ),
  deleteProfile: method(z.object({ id: idString }).strict(), z.object({ deleted: z.boolean() }), 'Remove a profile (never the last admin).'),
  configure: method(
    z.object({ technicianSignIn: technicianSignIn.optional(), unlockMinutes: z.number().int().min(1).max(24 * 60).optional() }).strict(),
    accessStatus,
    'How technicians sign in; minutes of inactivity after which the admin lock closes again.'
  )
};

/** One audit-log line: who did what, when, and how it ended. */
export const auditEntry = z.object({
  at: isoDate,
  actor: z.object({ profileId: z.string(), name: z.string(), role: z.enum(['technician', 'admin', 'none']) }),
  transport: z.enum(['local', 'desktop', 'web']),
  action: z.string().describe('contract method, or tool:<name> for a confirmed assistant action'),
  /** The call's input with secrets masked and long text cut. */
  target: z.unknown().optional(),
  result: z.string().describe('"ok" or the error code')
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditMethods = {
  list: method(
    z
      .object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100), action: nameString.optional() })
      .strict()
      .optional(),
    z.object({ items: z.array(auditEntry), total: z.number().int() }),
    'Audit log entries, newest first (admin).'
  ),
  export: method(
    z.object({ format: z.enum(['csv', 'jsonl']).default('csv') }).strict().optional(),
    z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
    'The whole audit log as CSV or JSON lines (admin).'
  )
};
