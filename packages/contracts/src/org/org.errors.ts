import type { ErrorSpec } from '../common/errors.ts';

export const orgErrors = {
  ORG_PARENT_REQUIRED: { status: 422, zh: '除区（县）委外，党组织必须有上级党组织', en: 'A parent organisation is required' },
  ORG_KIND_NOT_ALLOWED_UNDER_PARENT: { status: 422, zh: '该类型的党组织不能设在所选上级组织之下', en: 'This kind cannot sit under that parent' },
  ORG_MOVE_INTO_OWN_SUBTREE: { status: 422, zh: '不能把党组织移动到它自己的下级组织之下', en: 'Cannot move an organisation into its own subtree' },
  ORG_DISSOLVED: { status: 422, zh: '该党组织已撤销', en: 'The organisation is dissolved' },
  ORG_HAS_ACTIVE_CHILDREN: { status: 422, zh: '该党组织下仍有未撤销的下级组织，不能撤销', en: 'It still has active child organisations' },
  ORG_HAS_ACTIVE_MEMBERS: { status: 422, zh: '该党组织仍有在册党员，不能撤销，请先转出党员', en: 'It still has active members' },
  ORG_CODE_SPACE_FULL: { status: 422, zh: '上级组织下的编码已用尽（最多 999 个下级）', en: 'No free code segment under this parent' },
  ORG_LEADER_NOT_MEMBER_OF_ORG: { status: 422, zh: '班子成员必须是本组织（含下级）的在册党员', en: 'A leader must be an active member of the organisation' },
  ORG_TERM_INVALID: { status: 422, zh: '任期结束日期必须晚于开始日期', en: 'Term end must be after term start' },
  ORG_GRID_NOT_FOUND: { status: 404, zh: '网格不存在或不属于该组织', en: 'Grid not found' },
} as const satisfies Record<string, ErrorSpec>;
