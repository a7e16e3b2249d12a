import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx, Platform } from '../context.ts';
import { systemCtx } from '../context.ts';
import type { Actor } from '../context.ts';
import { errorHandler } from './error-handler.ts';
import { AppError } from './errors.ts';

z.config(z.locales.zhCN());

export type App = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export const SESSION_COOKIE = 'xf_session';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, docs). */
    public?: boolean;
  }
}

export interface AppOptions {
  platform: Platform;
  /** Resolves a session token to its actor (the account module provides it). */
  resolveSession: (ctx: Ctx, token: string) => Promise<Actor>;
  rateLimitPerMinute: (ctx: Ctx) => Promise<number>;
  /** Outside production, loopback callers (tests, local development) are not throttled (ARCHITECTURE §7). */
  exemptLoopback: boolean;
  trustProxy: boolean;
  webDist: string | null;
  logger?: boolean;
  routes: Array<(app: App) => void>;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.cookie', 'req.headers.authorization'] } : false,
    trustProxy: opts.trustProxy,
    bodyLimit: 1024 * 1024,
    // Router-level refusals (malformed URL encoding, over-long path parameters) get the same error body.
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply.header('Cache-Control', 'no-store')),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Helmet's default would make browsers fetch scripts over https from a plain-http LAN address and show a
        // blank page; TLS is the proxy's job (HSTS there).
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only means something over HTTPS; a plain-localhost demo must not pin it.
    hsts: false,
  });
  await app.register(rateLimit, {
    global: true,
    max: async () => Math.max(1, await opts.rateLimitPerMinute(systemCtx(opts.platform))),
    timeWindow: '1 minute',
    allowList: async (req) =>
      (opts.exemptLoopback && ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.ip)) || (await opts.rateLimitPerMinute(systemCtx(opts.platform))) === 0,
    keyGenerator: (req) => req.ip,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  // Uploads stream to a temporary file (platform/files/upload.ts); per-route limits are set there.
  await app.register(multipart, { limits: { files: 1, fields: 10, parts: 11 } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: { info: { title: '先锋 Xianfeng API', version: '0.1.0', description: '智慧党建平台 API' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' }, staticCSP: false });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('sessionToken', null);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    req.ctx = systemCtx(opts.platform, null, req.ip);
    const isPublic = req.routeOptions.config?.public === true || !req.url.startsWith('/api/');
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    try {
      req.ctx = { ...req.ctx, actor: await opts.resolveSession(req.ctx, token) };
      req.sessionToken = token;
    } catch (err) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      if (!isPublic) throw err;
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    // API answers carry personal data: never cache them (ASVS 14.3.2).
    if (_req.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  for (const register of opts.routes) register(app);

  if (opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDist, prefix: '/', wildcard: false, index: false });
    const index = fs.readFileSync(path.join(opts.webDist, 'index.html'), 'utf8');
    const spa = (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(index);
    app.get('/', { config: { public: true }, schema: { hide: true } }, (_req, reply) => reply.redirect('/admin'));
    // /screen: the hall's big screen (stats), a page of its own outside the admin console.
    for (const prefix of ['/admin', '/m', '/verify', '/screen']) {
      app.get(prefix, { schema: { hide: true } }, spa);
      app.get(`${prefix}/*`, { schema: { hide: true } }, spa);
    }
  } else {
    app.get('/', { schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>先锋 Xianfeng API is running. The web app is not built: run <code>npm run build:web</code>.</p>'),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` } });
  });
  return app;
}

/** Session cookie: HttpOnly, SameSite=Lax, Secure whenever the request came over HTTPS. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
