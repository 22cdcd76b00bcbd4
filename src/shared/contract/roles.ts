import type { MethodName } from './index';

/**
 * What every contract method needs from its caller — the one place it is declared. The dispatcher
 * (src/main/core/dispatch.ts) checks it for every transport before any handler runs, so no handler
 * can forget; a method missing here is a type error, and test/unit/contract/roles.test.ts walks
 * every method at run time too.
 *
 * - `public`: callable before signing in (what the sign-in screen needs).
 * - `technician`: any signed-in profile. Calls that touch a session are further limited to the
 *   sessions the profile owns (admins see all), in the handlers that take a session id.
 * - `admin`: an admin profile with the admin lock open (PIN entered, not idle too long).
 */
export type Requirement = 'public' | 'technician' | 'admin';

export const methodRoles = {
  'app.info': 'public',
  'app.health': 'technician',
  'app.stats': 'technician',
  // Native file dialogs only hand out grants; what is done with a file is checked on its own.
  'host.pickFiles': 'technician',
  'host.saveFile': 'technician',
  'host.openDocument': 'technician',
  'jobs.list': 'technician',
  'jobs.cancel': 'admin',
  'settings.get': 'technician',
  // The handler lets a technician change only the `ui` section (theme); everything else is admin.
  'settings.update': 'technician',
  'library.import': 'admin',
  'library.list': 'technician',
  'library.get': 'technician',
  'library.update': 'admin',
  'library.delete': 'admin',
  'library.reindex': 'admin',
  'library.unlock': 'admin',
  'library.pauseImports': 'admin',
  'library.importsPaused': 'technician',
  'library.ocr': 'admin',
  'library.pageWords': 'technician',
  'library.stats': 'technician',
  'library.optimize': 'admin',
  'library.pageText': 'technician',
  'library.fileBytes': 'technician',
  'search.query': 'technician',
  'chat.send': 'technician',
  'chat.stop': 'technician',
  'chat.regenerate': 'technician',
  'chat.editLast': 'technician',
  'chat.active': 'technician',
  'chat.feedback': 'technician',
  'sessions.create': 'technician',
  'sessions.list': 'technician',
  'sessions.get': 'technician',
  'sessions.update': 'technician',
  'sessions.delete': 'technician',
  'sessions.search': 'technician',
  'sessions.retention': 'admin',
  'export.run': 'technician',
  'export.render': 'technician',
  'export.gaps': 'admin',
  'models.list': 'technician',
  'models.import': 'admin',
  'models.remove': 'admin',
  'models.download': 'admin',
  'models.catalog': 'technician',
  'models.estimate': 'technician',
  'models.load': 'admin',
  'models.unload': 'admin',
  'models.state': 'technician',
  'models.reembed': 'admin',
  'backup.create': 'admin',
  'backup.verify': 'admin',
  'backup.restore': 'admin',
  'backup.list': 'admin',
  'pack.export': 'admin',
  'pack.preview': 'admin',
  'pack.import': 'admin',
  'access.status': 'public',
  'access.signIn': 'public',
  'access.resume': 'public',
  'access.signOut': 'public',
  // Unlock checks the PIN of the signed-in admin profile itself.
  'access.unlock': 'technician',
  'access.lock': 'technician',
  'access.profiles': 'admin',
  'access.createProfile': 'admin',
  'access.updateProfile': 'admin',
  'access.deleteProfile': 'admin',
  'access.configure': 'admin',
  'audit.list': 'admin',
  'audit.export': 'admin',
  'escalations.create': 'technician',
  'escalations.list': 'technician',
  'escalations.counts': 'technician',
  'escalations.acknowledge': 'admin',
  'escalations.resolve': 'admin',
  // Each action declares its own role too (actions/actionCatalog.ts), checked when it is proposed and confirmed.
  'actions.list': 'technician',
  'actions.propose': 'technician',
  'actions.confirm': 'technician',
  'actions.cancel': 'technician',
  // Training: admins build courses; any signed-in technician takes them and sees the progress table.
  'training.courses': 'technician',
  'training.createCourse': 'admin',
  'training.deleteCourse': 'admin',
  'training.addTopic': 'admin',
  'training.updateTopic': 'admin',
  'training.removeTopic': 'admin',
  'training.start': 'technician',
  'training.answer': 'technician',
  'training.attempt': 'technician',
  'training.attempts': 'technician',
  'training.progress': 'technician',
  'training.exportProgress': 'technician'
} as const satisfies Record<MethodName, Requirement>;

/** The declared requirement, or undefined for a name that is not a method (the dispatcher refuses it). */
export function requirementOf(name: string): Requirement | undefined {
  return Object.prototype.hasOwnProperty.call(methodRoles, name) ? (methodRoles as Record<string, Requirement>)[name] : undefined;
}
