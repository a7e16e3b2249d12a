/**
 * Child names usually repeat the parent's ("中共明德区东城街道党工委" → "中共明德区东城街道丰泽社区委员会"):
 * charts drop the shared prefix so the distinguishing part fits on an axis. The same rule as the org tree's
 * `shortName`, kept here without antd so the big screen's chunk stays free of the admin UI library.
 */
export function childName(name: string, parentName: string | null): string {
  if (!parentName) return name;
  let i = 0;
  while (i < name.length && i < parentName.length && name[i] === parentName[i]) i++;
  // Cut only after a place name (…区, …街道, …社区), never inside a word.
  while (i > 0 && !/(区|县|市|旗|街道|镇|乡|社区|村)$/.test(name.slice(0, i))) i--;
  return i >= 2 && name.length - i >= 3 ? name.slice(i) : name;
}
