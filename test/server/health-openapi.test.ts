import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('health', () => {
  it('is live', async () => {
    const res = await t.app.inject('/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and migrations are applied', async () => {
    const res = await t.app.inject('/health/ready');
    expect(res.json()).toEqual({ status: 'ok', database: 'ok', pendingMigrations: 0, files: 'ok' });
  });

  it('is not ready when a migration is missing', async () => {
    await t.database.pool.query(
      'DELETE FROM drizzle.__drizzle_migrations WHERE id = (SELECT max(id) FROM drizzle.__drizzle_migrations)',
    );
    const res = await t.app.inject('/health/ready');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', pendingMigrations: 1 });
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document listing every API route', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc) as never);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/agencies',
      '/api/v1/agencies/{code}',
      '/api/v1/staff',
      '/api/v1/staff/{id}',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('serves a docs page', async () => {
    const res = await t.app.inject('/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});

describe('errors', () => {
  it('answers unknown routes in the common error format', async () => {
    const res = await t.app.inject('/api/v1/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'Không tìm thấy dữ liệu.', message_en: 'Not found.' },
    });
  });

  it('answers malformed JSON with 400, not a stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses bodies that are not JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=a&password=b',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('serves the home page in Vietnamese', async () => {
    const res = await t.app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('lang="vi"');
    expect(res.body).toContain('thủ tục hành chính');
  });
});
