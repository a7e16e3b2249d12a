import { z } from 'zod';
import { isoDate } from '@xianfeng/contracts/common/common.schemas';
import { stepFields, voteFields, type StepKey } from '@xianfeng/contracts/development/development.steps';
import { stepBodySchema } from '@xianfeng/contracts/development/development.schemas';
import { choiceLabel, labelOf } from './format';

/**
 * A step's form, read off the contracts: `stepFields[key]` (the zod schema the server checks the request
 * against) is turned into a list of fields through its JSON Schema, and the same zod schema decides whether
 * the form is complete. A revision of the rules that adds or changes a field changes the form with it.
 */
export type FieldKind = 'text' | 'longText' | 'date' | 'choice' | 'integer' | 'number' | 'switch' | 'confirm' | 'org' | 'members' | 'texts' | 'rows';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  minItems?: number;
  maxItems?: number;
  options?: { value: string; label: string }[];
  defaultValue?: unknown;
  /** The fields of one row (kind `rows`: the members not counted as should-attend, each with a reason). */
  rows?: FieldSpec[];
  /** One of the ballot figures, drawn together with the live quorum and pass computation. */
  vote: boolean;
}

interface JsonNode {
  type?: string;
  enum?: string[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  items?: JsonNode;
  properties?: Record<string, JsonNode>;
  required?: string[];
}

const DATE_PATTERN = (z.toJSONSchema(isoDate, { unrepresentable: 'any' }) as JsonNode).pattern;
const VOTE_FIELDS = new Set(Object.keys(voteFields));
/** Text longer than this is written in a text area. */
const LONG_TEXT = 200;

function kindOf(node: JsonNode): FieldKind {
  switch (node.type ?? '') {
    case 'string':
      if (node.enum) return 'choice';
      if (node.format === 'uuid') return 'org';
      if (node.pattern && node.pattern === DATE_PATTERN) return 'date';
      return (node.maxLength ?? 0) > LONG_TEXT ? 'longText' : 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return node.const === true ? 'confirm' : 'switch';
    case 'array':
      if (node.items?.type === 'object') return 'rows';
      return node.items?.format === 'uuid' ? 'members' : 'texts';
    default:
      return 'text';
  }
}

function toSpecs(step: StepKey, obj: JsonNode): FieldSpec[] {
  const required = new Set(obj.required ?? []);
  return Object.entries(obj.properties ?? {}).map(([name, node]) => {
    const kind = kindOf(node);
    return {
      name,
      label: labelOf(step, name),
      kind,
      // `confirm` fields are required by their literal even though JSON Schema may list them as optional.
      required: required.has(name) || kind === 'confirm',
      ...(node.maxLength !== undefined && { maxLength: node.maxLength }),
      ...(node.minimum !== undefined && { min: node.minimum }),
      ...(node.maximum !== undefined && { max: node.maximum }),
      ...(node.minItems !== undefined && { minItems: node.minItems }),
      ...(node.maxItems !== undefined && { maxItems: node.maxItems }),
      ...(node.items?.type === 'string' && node.items.maxLength !== undefined && { maxLength: node.items.maxLength }),
      ...(node.enum && { options: node.enum.map((v) => ({ value: v, label: choiceLabel(name, v) })) }),
      ...(node.default !== undefined && { defaultValue: node.default }),
      ...(kind === 'rows' && node.items && { rows: toSpecs(step, node.items) }),
      vote: VOTE_FIELDS.has(name),
    };
  });
}

const cache = new Map<StepKey, FieldSpec[]>();

/** The fields a step records beside the common ones (date, responsible, decision), in the contracts' order. */
export function stepFormFields(step: StepKey): FieldSpec[] {
  let specs = cache.get(step);
  if (!specs) {
    specs = toSpecs(step, z.toJSONSchema(stepFields[step], { io: 'input', unrepresentable: 'any' }) as JsonNode);
    cache.set(step, specs);
  }
  return specs;
}

/** The values of the common fields as the form holds them. */
export interface CommonValues {
  date?: string | null;
  responsible?: string[];
  decision?: string;
  overrideReason?: string;
  /** Ids of files already uploaded to the case. */
  attachments?: string[];
}

function clean(spec: FieldSpec, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  switch (spec.kind) {
    case 'text':
    case 'longText':
      return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
    case 'confirm':
      return v === true ? true : undefined;
    case 'texts':
      return Array.isArray(v) ? v.map((s) => String(s).trim()).filter(Boolean) : undefined;
    case 'rows':
      return Array.isArray(v)
        ? v.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object').map((r) => Object.fromEntries((spec.rows ?? []).map((c) => [c.name, clean(c, r[c.name])])))
        : undefined;
    case 'date':
    case 'choice':
    case 'integer':
    case 'number':
    case 'switch':
    case 'org':
    case 'members':
      return v;
  }
}

/** The request body of `POST /api/development/cases/:id/steps` from the form's values. */
export function buildStepBody(step: StepKey, values: Record<string, unknown>, common: CommonValues): Record<string, unknown> {
  const body: Record<string, unknown> = { step };
  for (const spec of stepFormFields(step)) {
    const v = clean(spec, values[spec.name]);
    if (v !== undefined) body[spec.name] = v;
  }
  if (common.date) body.date = common.date;
  const responsible = (common.responsible ?? []).map((s) => s.trim()).filter(Boolean);
  if (responsible.length) body.responsible = responsible;
  if (common.decision?.trim()) body.decision = common.decision.trim();
  if (common.attachments?.length) body.attachments = common.attachments;
  if (common.overrideReason !== undefined) body.override = { reason: common.overrideReason.trim() };
  return body;
}

/** What still stops the form: per field (first path segment), in the contracts' words. Empty when complete. */
export function missingFields(step: StepKey, body: Record<string, unknown>): Map<string, string> {
  const parsed = stepBodySchema(step).safeParse(body);
  const out = new Map<string, string>();
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!out.has(field)) out.set(field, issue.message);
  }
  return out;
}

/** Initial values: the schema's defaults (0 written opinions, not online …). */
export function initialValues(step: StepKey): Record<string, unknown> {
  return Object.fromEntries(stepFormFields(step).filter((f) => f.defaultValue !== undefined).map((f) => [f.name, f.defaultValue]));
}
