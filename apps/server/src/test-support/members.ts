import assert from 'node:assert/strict';
import type { TestServer } from './harness.ts';

/** Fresh members created through the API, for tests that need a member nobody else touched (the demo ones may be billed or moved). */

let counter = 0;

/** A valid GB 11643 ID number (check character computed), different on each call, with its gender. */
export function freshIdNumber(): { idNumber: string; birthDate: string; gender: 'male' | 'female' } {
  const n = ++counter + Math.floor(Math.random() * 1000) * 100;
  // Born 1960–1989: at least 18 when joining on the fixtures' 2010-07-01.
  const yy = String(60 + (n % 30)).padStart(2, '0');
  const mm = String((n % 12) + 1).padStart(2, '0');
  const dd = String((n % 28) + 1).padStart(2, '0');
  const seq = String(n % 1000).padStart(3, '0');
  const body17 = `110101${'19' + yy}${mm}${dd}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * (w[i] as number), 0);
  return { idNumber: body17 + '10X98765432'[sum % 11], birthDate: `19${yy}-${mm}-${dd}`, gender: Number(body17[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Creates an active full member in `orgId` as `user`; returns its id and ID number. */
export async function createTestMember(s: TestServer, user: string, orgId: string, name: string, over: Record<string, unknown> = {}): Promise<{ id: string; idNumber: string }> {
  const id = freshIdNumber();
  const res = await s.request({
    method: 'POST',
    url: '/api/members',
    cookie: await s.login(user),
    body: { orgId, name, gender: id.gender, birthDate: id.birthDate, idNumber: id.idNumber, joinedOn: '2010-07-01', fullMemberOn: '2011-07-01', status: 'full', category: 'resident', ...over },
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, idNumber: id.idNumber };
}
