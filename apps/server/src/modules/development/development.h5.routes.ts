import { z } from 'zod';
import { errorBody, uuid } from '@xianfeng/contracts/common/common.schemas';
import { meView } from '@xianfeng/contracts/account/account.schemas';
import { directoryEntry } from '@xianfeng/contracts/org/org.schemas';
import {
  applicantApplyBody,
  branchSearchQuery,
  caseNotesView,
  createNoteBody,
  menteeView,
  myCaseView,
  noteView,
  registerApplicantBody,
} from '@xianfeng/contracts/development/development.h5.schemas';
import type { App } from '../../platform/http/app.ts';
import { setSessionCookie } from '../../platform/http/app.ts';
import { toMe } from '../account/account.service.ts';
import { applyAsApplicant, myCase, registerApplicant, searchBranches } from './development.applicant.ts';
import { addNote, listMentees, listNotes } from './development.mentor.ts';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody, 429: errorBody };
const tags = ['development'];
const idParams = z.object({ id: uuid });

/**
 * Registration creates accounts, so beside the global per-IP limit it has its own: a few per IP per hour. The
 * global limiter's exemptions (loopback in development and tests, the setting at 0) still apply.
 */
const REGISTER_LIMIT = { max: 10, timeWindow: '1 hour' };

/** The applicant's and the mentor's H5 endpoints of 发展党员 (docs/development.md, "Applicant and mentor H5"). */
export function developmentH5Routes(demo: boolean) {
  return (app: App) => {
    app.post(
      '/api/development/register',
      {
        config: { public: true, rateLimit: REGISTER_LIMIT },
        schema: { tags, summary: '入党申请人注册账号（公开；注册后即登录，以身份证号登录）', body: registerApplicantBody, response: { 201: meView, ...errors } },
      },
      async (req, reply) => {
        const { token, actor } = await registerApplicant(req.ctx, req.body);
        setSessionCookie(req, reply, token);
        return reply.code(201).send(toMe(actor, demo));
      },
    );
    app.get(
      '/api/development/branches',
      { schema: { tags, summary: '可递交入党申请的党支部（申请人查找；按名称）', querystring: branchSearchQuery, response: { 200: z.array(directoryEntry), ...errors } } },
      (req) => searchBranches(req.ctx, req.query),
    );
    app.post(
      '/api/development/apply',
      { schema: { tags, summary: '递交入党申请（申请人本人，第一步）', body: applicantApplyBody, response: { 201: myCaseView, ...errors } } },
      async (req, reply) => reply.code(201).send(await applyAsApplicant(req.ctx, req.body)),
    );
    app.get('/api/development/my-case', { schema: { tags, summary: '我的入党申请：所处阶段、已办环节和下一步', response: { 200: myCaseView, ...errors } } }, (req) => myCase(req.ctx));
    app.get(
      '/api/development/mentoring',
      { schema: { tags, summary: '我培养联系的入党积极分子和发展对象（培养联系人本人）', response: { 200: z.array(menteeView), ...errors } } },
      (req) => listMentees(req.ctx),
    );
    app.get(
      '/api/development/cases/:id/notes',
      { schema: { tags, summary: '培养考察记录（培养联系人和所在党组织）', params: idParams, response: { 200: caseNotesView, ...errors } } },
      (req) => listNotes(req.ctx, req.params),
    );
    app.post(
      '/api/development/cases/:id/notes',
      { schema: { tags, summary: '填写培养考察记录（本案培养联系人，或有发展党员办理权限的党组织）', params: idParams, body: createNoteBody, response: { 201: noteView, ...errors } } },
      async (req, reply) => reply.code(201).send(await addNote(req.ctx, { id: req.params.id, ...req.body })),
    );
  };
}
