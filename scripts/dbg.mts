import { loadConfig } from '/work/main/apps/server/src/platform/config.ts';
import { createServer, loadPlatform } from '/work/main/apps/server/src/server.ts';
const config = loadConfig();
const platform = await loadPlatform(config);
const s = await createServer(platform, { webDist: null, logger: true });
const login = await s.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'community1', password: 'Demo@2026' } });
const cookie = login.headers['set-cookie'];
for (const url of process.argv.slice(2)) {
  const r = await s.app.inject({ method: 'GET', url, headers: { cookie: String(cookie).split(';')[0] } });
  console.log(url, r.statusCode, r.body.slice(0, 800));
}
await s.close(); await platform.database.close();
