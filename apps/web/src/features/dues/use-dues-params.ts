import { useSearchParams } from 'react-router';
import { currentMonth, currentYear, isMonth } from './months';

/**
 * The dues pages keep their choices in the address (?org=&month=&year=), so a page can be bookmarked or
 * linked and the organisation stays picked when moving between the 党费 tabs.
 */
export function useDuesParams() {
  const [params, setParams] = useSearchParams();
  const orgId = params.get('org');
  const month = isMonth(params.get('month')) ? params.get('month')! : currentMonth();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : currentYear();
  const set = (patch: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [k, v] of Object.entries(patch)) {
          if (v === null || v === '') p.delete(k);
          else p.set(k, v);
        }
        return p;
      },
      { replace: true },
    );
  return { params, orgId, month, year, set };
}
