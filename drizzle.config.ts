import { defineConfig } from 'drizzle-kit';

// Generates forward-only SQL migrations from the modules' drizzle schemas:
// `npx drizzle-kit generate --name <kebab-name>` (custom SQL: add `--custom`).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./apps/server/src/modules/*/*.schema.ts', './apps/server/src/platform/*/*.schema.ts'],
  out: './apps/server/migrations',
  migrations: { prefix: 'timestamp' },
});
