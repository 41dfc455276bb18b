import { Unavailable } from '../components/common';

export function SetupLinks({ organizationId }: { organizationId: string; readOnly: boolean }) {
  return (
    <>
      <h1>Setup links</h1>
      <Unavailable what="Setup links" detail={`This server cannot create setup links for organization ${organizationId} yet.`} />
    </>
  );
}
