import { sql } from 'drizzle-orm';
import { settingsCatalogue, type SettingKey, type SettingValue, settingKeys } from '@xianfeng/contracts/settings/settings.catalogue';
import type { EffectiveSetting } from '@xianfeng/contracts/settings/settings.schemas';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/context.ts';
import { rows } from '../../platform/db/db.ts';
import { AppError, fieldError } from '../../platform/http/errors.ts';
import { can, requirePermission, coveringGrant, inSubtrees } from '../../platform/access/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { findOrgForActor } from '../org/org.service.ts';

export type { EffectiveSetting };

/** Path '/1/5/23/' → ancestor sequence numbers [1, 5, 23] (self included). */
export function pathSeqs(path: string): number[] {
  return path
    .split('/')
    .filter(Boolean)
    .map((s) => parseInt(s, 36));
}

interface Row {
  key: string;
  value: unknown;
  org_id: string;
  org_name: string;
  depth: number;
}

async function settingRowsOnPath(ctx: Ctx, path: string, key?: SettingKey): Promise<Row[]> {
  const seqs = pathSeqs(path);
  if (seqs.length === 0) return [];
  return rows<Row>(
    ctx.db,
    sql`SELECT s.key, s.value, o.id AS org_id, o.name AS org_name, o.depth
        FROM setting s JOIN org o ON o.id = s.org_id
        WHERE o.seq IN (${sql.join(
          seqs.map((s) => sql`${s}`),
          sql`, `,
        )}) ${key ? sql`AND s.key = ${key}` : sql``}
        ORDER BY o.depth DESC`,
  );
}

const cache = new Map<string, { at: number; value: unknown }>();
const CACHE_MS = 30_000;

/** The effective value at an org (nearest ancestor wins; else the regulation's default). No permission check: internal use. */
export async function getEffectiveSetting<K extends SettingKey>(ctx: Ctx, orgPath: string, key: K): Promise<SettingValue<K>> {
  const ck = `${orgPath}|${key}`;
  const hit = cache.get(ck);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.value as SettingValue<K>;
  const found = (await settingRowsOnPath(ctx, orgPath, key))[0];
  const value = (found ? found.value : settingsCatalogue[key].default) as SettingValue<K>;
  cache.set(ck, { at: Date.now(), value });
  return value;
}

/** Every key's effective value at an org, with where it comes from — for the admin settings page. */
export async function listEffectiveSettings(ctx: Ctx, input: { orgId: string }): Promise<EffectiveSetting[]> {
  requirePermission(ctx, 'settings.read');
  const org = await findOrgForActor(ctx, input.orgId, 'settings.read');
  const found = await settingRowsOnPath(ctx, org.path);
  return settingKeys.map((key) => {
    const spec = settingsCatalogue[key];
    const nearest = found.find((r) => r.key === key);
    return {
      key,
      value: nearest ? nearest.value : spec.default,
      defaultValue: spec.default,
      sourceOrgId: nearest?.org_id ?? null,
      sourceOrgName: nearest?.org_name ?? null,
      setHere: nearest?.org_id === org.id,
      zh: spec.zh,
      article: 'article' in spec ? (spec.article ?? null) : null,
      security: 'security' in spec && spec.security === true,
    };
  });
}

function checkKey(key: string): SettingKey {
  if (!Object.hasOwn(settingsCatalogue, key)) throw new AppError('SETTING_UNKNOWN_KEY');
  return key as SettingKey;
}

/** Sets (or with `value: null`, clears) a key on an org; audited with old and new values. */
export async function setSetting(ctx: Ctx, input: { orgId: string; key: string; value: unknown }): Promise<EffectiveSetting[]> {
  const key = checkKey(input.key);
  const spec = settingsCatalogue[key];
  const permission = 'security' in spec && spec.security ? 'security.settings.write' : 'settings.write';
  requirePermission(ctx, permission);
  const org = await findOrgForActor(ctx, input.orgId, permission);
  if (!can(ctx.actor, permission, org.path)) throw new AppError('NOT_FOUND');
  let value: unknown = null;
  if (input.value !== null) {
    const parsed = spec.schema.safeParse(input.value);
    if (!parsed.success) throw fieldError('SETTING_VALUE_INVALID', 'value', `${spec.zh}：${parsed.error.issues[0]?.message ?? '取值无效'}`);
    value = parsed.data;
  }
  await inTransaction(ctx, async (tx) => {
    const before = await rows<{ value: unknown }>(tx.db, sql`SELECT value FROM setting WHERE org_id = ${org.id} AND key = ${key}`);
    if (value === null) {
      await tx.db.execute(sql`DELETE FROM setting WHERE org_id = ${org.id} AND key = ${key}`);
    } else {
      await tx.db.execute(
        sql`INSERT INTO setting (org_id, key, value, updated_by, updated_at)
            VALUES (${org.id}, ${key}, ${JSON.stringify(value)}::jsonb, ${ctx.actor?.accountId ?? null}, ${tx.clock.now()})
            ON CONFLICT (org_id, key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      );
    }
    await writeAudit(tx, {
      action: 'settings.set',
      targetType: 'setting',
      targetId: `${org.id}:${key}`,
      targetOrgPath: org.path,
      actingForOrgId: coveringGrant(ctx.actor, permission, org.path)?.orgId ?? null,
      details: { key, before: before[0]?.value ?? null, after: value },
    });
  });
  clearSettingsCache();
  return listEffectiveSettings({ ...ctx, actor: ctx.actor }, { orgId: org.id }).catch(() => []);
}

export function clearSettingsCache() {
  cache.clear();
  rootPathCache = null;
}

let rootPathCache: { at: number; path: string } | null = null;

/** Platform-wide policy (e.g. login lockout) is read at the top org: the 区委 or whatever root exists. */
export async function getPlatformSetting<K extends SettingKey>(ctx: Ctx, key: K): Promise<SettingValue<K>> {
  if (!rootPathCache || Date.now() - rootPathCache.at > CACHE_MS) {
    const r = await rows<{ path: string }>(ctx.db, sql`SELECT path FROM org WHERE parent_id IS NULL ORDER BY seq LIMIT 1`);
    rootPathCache = { at: Date.now(), path: r[0]?.path ?? '/' };
  }
  return getEffectiveSetting(ctx, rootPathCache.path, key);
}

/**
 * Resolves some keys for every org of a subtree at once: one query fetches the setting rows on the root's
 * ancestry and inside the subtree; each org then takes, per key, the row of its nearest ancestor.
 */
export async function settingsResolverForSubtree<K extends SettingKey>(
  ctx: Ctx,
  rootPath: string,
  keys: readonly K[],
): Promise<(orgPath: string) => { [P in K]: SettingValue<P> }> {
  const seqs = pathSeqs(rootPath);
  const found = await rows<{ key: K; value: unknown; path: string }>(
    ctx.db,
    sql`SELECT s.key, s.value, o.path FROM setting s JOIN org o ON o.id = s.org_id
        WHERE s.key IN (${sql.join(
          keys.map((k) => sql`${k}`),
          sql`, `,
        )})
          AND (o.seq IN (${sql.join(
            seqs.map((q) => sql`${q}`),
            sql`, `,
          )}) OR ${inSubtrees(sql`o.path`, [rootPath])})`,
  );
  return (orgPath) => {
    const out = {} as { [P in K]: SettingValue<P> };
    for (const key of keys) {
      let best: { value: unknown; path: string } | undefined;
      for (const r of found) if (r.key === key && orgPath.startsWith(r.path) && (!best || r.path.length > best.path.length)) best = r;
      out[key] = (best ? best.value : settingsCatalogue[key].default) as SettingValue<typeof key>;
    }
    return out;
  };
}
