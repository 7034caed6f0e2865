/** A browser-like supertest agent: keeps cookies and reads the CSRF token from the pages it gets. */
import request from 'supertest';
import type { Express } from 'express';
import assert from 'node:assert/strict';

export type Agent = ReturnType<typeof request.agent>;

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has no CSRF field');
  return match[1] as string;
}

export function browser(app: Express) {
  const agent = request.agent(app);
  return {
    agent,
    /** GETs a page with a form and posts the form data with that page's CSRF token. */
    async submit(formPage: string, action: string, data: Record<string, string | string[]>) {
      const page = await agent.get(formPage);
      return agent
        .post(action)
        .type('form')
        .send({ ...data, _csrf: csrfFrom(page.text) });
    },
    async login(email: string, password: string) {
      const res = await this.submit('/login', '/login', { email, password });
      assert.equal(res.status, 302, `login of ${email} failed: ${res.status}`);
      return res;
    },
  };
}
