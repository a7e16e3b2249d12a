import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Materialised path of immutable org sequence numbers, e.g. `/1/5/23/`, byte-ordered for range scans. */
export const orgPathText = customType<{ data: string }>({
  dataType: () => 'text COLLATE "C"',
});

export const idColumn = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
