import { useQueries, useQuery } from '@tanstack/react-query';
import type { StepKey } from '@xianfeng/contracts/development/development.steps';
import { getMemberFile, memberKeys } from '../member/api';
import { getOrg, orgKeys } from '../org/api';
import type { CaseView } from './api';
import { stepFormFields } from './step-form-model';

/** The ids a case's steps name, by what they are: members (mentors, sponsors) and organisations (the committee). */
function namedIds(kase: CaseView): { members: string[]; orgs: string[] } {
  const members = new Set<string>();
  const orgs = new Set<string>();
  for (const s of kase.steps) {
    for (const f of stepFormFields(s.key as StepKey)) {
      const v = s.fields[f.name];
      if (f.kind === 'members' && Array.isArray(v)) v.forEach((id) => members.add(String(id)));
      if (f.kind === 'org' && typeof v === 'string') orgs.add(v);
    }
  }
  return { members: [...members], orgs: [...orgs] };
}

/**
 * Names for the ids a case's steps record (the steps keep ids; the record reads better with names): members
 * from their (masked) files, organisations from the branch's line of ancestors and the steps' acting orgs.
 * An id the caller cannot see stays unnamed.
 */
export function useCaseNames(kase: CaseView): Map<string, string> {
  const { members, orgs } = namedIds(kase);
  const memberFiles = useQueries({
    queries: members.map((id) => ({ queryKey: memberKeys.file(id, null), queryFn: () => getMemberFile(id), staleTime: 5 * 60_000, retry: false })),
  });
  const branch = useQuery({ queryKey: orgKeys.view(kase.orgId), queryFn: () => getOrg(kase.orgId), enabled: orgs.length > 0, staleTime: 5 * 60_000 });
  const names = new Map<string, string>();
  memberFiles.forEach((q, i) => {
    if (q.data) names.set(members[i]!, q.data.name);
  });
  for (const a of branch.data?.ancestors ?? []) names.set(a.id, a.name);
  for (const s of kase.steps) if (s.orgId && s.orgName) names.set(s.orgId, s.orgName);
  names.set(kase.orgId, kase.orgName);
  return names;
}
