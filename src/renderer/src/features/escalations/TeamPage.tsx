import { AuditSection } from '../access/AuditSection';
import { ProfilesSection } from '../access/ProfilesSection';
import { EscalationsSection } from './EscalationsSection';

/** Admin only (the nav hides it otherwise, and the core refuses the calls): escalations, people, audit log. */
export function TeamPage() {
  return (
    <div className="page">
      <div className="page-header">
        <h1>Team</h1>
      </div>
      <EscalationsSection />
      <ProfilesSection />
      <AuditSection />
    </div>
  );
}
