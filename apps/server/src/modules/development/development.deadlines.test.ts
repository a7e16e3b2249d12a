import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { engines, openTestServer, type TestServer } from '../../test-support/harness.ts';
import { rows } from '../../platform/db/db.ts';

const DAY = 24 * 3600_000;

/**
 * Job `development.deadline_scan` on the fake clock over the demo seed (today 2026-11-22): due-soon and overdue
 * reminders to the branch's staff, overdue ones also one level up, the committee's own steps to the committee;
 * each reminder once per case, rule, due date and kind — never twice.
 */
for (const engine of engines) {
  describe(`development reminders (${engine})`, () => {
    let s: TestServer;

    before(async () => {
      s = await openTestServer(engine);
    });
    after(() => s.stop());

    /** Development reminders per account, as "username|title". */
    const reminders = async () =>
      (
        await rows<{ username: string; title: string; link: string; key: string }>(
          s.platform.database.db,
          sql`SELECT a.username, n.title, n.link, n.dedupe_key AS key FROM notification n JOIN account a ON a.id = n.account_id
              WHERE n.template LIKE 'development.%' ORDER BY a.username, n.title`,
        )
      ).map((r) => `${r.username}|${r.title}`);

    test('the first scan: each running limit once — due soon to the branch, overdue also one level up', async () => {
      await s.jobs.drain();
      const got = await reminders();
      // 春晖社区第一网格: 赵一鸣's six-monthly assessment and 周子航's talk are overdue; 郑凯文's branch meeting
      // (pre-review + 1 month) and 林晓雨's talk are due within 14 days. The branch secretary (branch1) and organiser
      // (recorder1) hear of all four; the community committee's admin (community1, one level up) of the overdue ones.
      assert.deepEqual(
        got,
        [
          'branch1|发展党员环节即将到期：林晓雨',
          'branch1|发展党员环节即将到期：郑凯文',
          'branch1|发展党员环节已超期：周子航',
          'branch1|发展党员环节已超期：赵一鸣',
          'community1|发展党员环节已超期：周子航',
          'community1|发展党员环节已超期：赵一鸣',
          'recorder1|发展党员环节即将到期：林晓雨',
          'recorder1|发展党员环节即将到期：郑凯文',
          'recorder1|发展党员环节已超期：周子航',
          'recorder1|发展党员环节已超期：赵一鸣',
        ],
      );
      const [n] = await rows<{ body: string; link: string; key: string }>(
        s.platform.database.db,
        sql`SELECT n.body, n.link, n.dedupe_key AS key FROM notification n JOIN account a ON a.id = n.account_id WHERE a.username = 'branch1' AND n.title = '发展党员环节已超期：周子航'`,
      );
      assert.match(n!.body, /入党申请人周子航：“第2步党组织派人谈话”应于 2026-11-13 前办理，已超期 9 天（收到入党申请书后一个月内派人谈话，依据细则第七条）/);
      assert.match(n!.link, /^\/admin\/development\/[0-9a-f-]{36}$/);
      assert.match(n!.key, /^development-deadline:[0-9a-f-]{36}:talk:2026-11-13:overdue$/);

      // The next hour's scan sends nothing again.
      s.platform.clock.advance(3600_000);
      await s.jobs.drain();
      assert.deepEqual(await reminders(), got, 'not twice');
    });

    test('on the fake clock: a due-soon limit becomes overdue (one more reminder, once); a committee step reaches the committee', async () => {
      const before = await reminders();
      // 2026-12-03: 林晓雨's talk (due 2026-12-02) and 郑凯文's branch meeting (due 2026-11-30) are now overdue.
      // Reminders already sent for them as due soon stay; the overdue ones are new keys.
      s.platform.clock.advance(11 * DAY);
      await s.jobs.drain();
      await s.jobs.drain();
      const added = (await reminders()).filter((r) => !before.includes(r));
      assert.deepEqual(
        added,
        [
          'branch1|发展党员环节已超期：林晓雨',
          'branch1|发展党员环节已超期：郑凯文',
          // 和平社区第一网格: 何俊杰 applied 2026-11-12, talk due 2026-12-12.
          'branch2|发展党员环节即将到期：何俊杰',
          'community1|发展党员环节已超期：林晓雨',
          'community1|发展党员环节已超期：郑凯文',
          'recorder1|发展党员环节已超期：林晓雨',
          'recorder1|发展党员环节已超期：郑凯文',
        ],
      );
      // 2026-12-20: 张宇轩 (和平社区第一网格) — approval within 3 months of the branch meeting (2026-10-03 → 2027-01-03)
      // is due within 14 days: the branch2 secretary and the handling committee (西城街道党工委, street2) hear of it.
      s.platform.clock.advance(17 * DAY);
      await s.jobs.drain();
      const later = await reminders();
      assert.ok(later.includes('branch2|发展党员环节即将到期：张宇轩'), later.join('\n'));
      assert.ok(later.includes('street2|发展党员环节即将到期：张宇轩'), later.join('\n'));
      assert.ok(!later.includes('community2|发展党员环节即将到期：张宇轩'), 'due soon is not sent one level up');
      assert.ok(later.includes('community2|发展党员环节已超期：何俊杰'), 'overdue is');
      const count = later.length;
      s.platform.clock.advance(2 * 3600_000);
      await s.jobs.drain();
      assert.equal((await reminders()).length, count, 'not twice');
    });
  });
}
