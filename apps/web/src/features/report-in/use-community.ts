import { useSearchParams } from 'react-router';

/** The community on screen travels with ?community= across the section's tabs. */
export function useCommunityParam(): [string | null, (id: string) => void] {
  const [params, setParams] = useSearchParams();
  return [params.get('community'), (id) => setParams((p) => (p.set('community', id), p), { replace: true })];
}
