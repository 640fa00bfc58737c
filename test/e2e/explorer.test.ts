import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_OUTPUT, launchChromium, type TestBrowser } from '../helpers/browser.ts';
import { INVOKE_MODEL, SEED_REQUEST, startTestStack, type TestStack } from '../helpers/local-stack.ts';

let stack: TestStack;
let chromium: TestBrowser;
let page: Page;

/** Replaces the text of a GraphiQL editor (CodeMirror) by typing, as a user would. */
async function typeInto(selector: string, text: string): Promise<void> {
  await page.click(`${selector} .CodeMirror`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Types an operation and waits until GraphiQL has taken in its name (the tab shows it). */
async function typeOperation(text: string, name: string): Promise<void> {
  await typeInto('.graphiql-query-editor', text);
  await page.waitForSelector(`.graphiql-tab-active:has-text("${name}")`);
}

async function run(): Promise<void> {
  await page.click('.graphiql-execute-button');
}

/** The response editor's text (CodeMirror renders spaces as no-break spaces). */
const resultText = async () => (await page.locator('.result-window').innerText()).replace(/\u00a0/g, ' ');

beforeAll(async () => {
  stack = await startTestStack();
  chromium = await launchChromium();
  page = await chromium.browser.newPage();
  await page.goto(new URL('/', stack.graphqlUrl).toString());
  await page.waitForSelector('.graphiql-container');
});

afterAll(async () => {
  await chromium?.close();
  await stack?.close();
});

describe('GraphQL explorer', () => {
  it('serves GraphiQL at / from bundled assets', async () => {
    const response = await fetch(new URL('/explorer.js', stack.graphqlUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await page.locator('.graphiql-tab').count()).toBeGreaterThanOrEqual(5);
  });

  it('sends the Authorization header typed in the header editor', async () => {
    await page.click('.graphiql-tab >> nth=0');
    await typeOperation('query Who { me { username role } }', 'Who');
    await page.click('button:has-text("Headers")');
    await typeInto('.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ Authorization: stack.adminKey }));
    await run();
    await page.locator('.result-window', { hasText: '"role"' }).waitFor();
    expect(JSON.parse(await resultText())).toEqual({ data: { me: { username: 'admin', role: 'ADMIN' } } });
  });

  it('runs a subscription over the real-time protocol and shows each invocation', async () => {
    await typeOperation('subscription Live { onInvocation { invocationId modelId } }', 'Live');
    await run();
    await page.waitForSelector('.graphiql-execute-button[aria-label="Stop query (Ctrl-Enter)"]');
    await page.waitForSelector('html[data-subscriptions="1"]');
    const reply = await stack.as(stack.adminKey ?? '')(INVOKE_MODEL, { input: { modelId: SEED_REQUEST.modelId, body: JSON.stringify(SEED_REQUEST.body) } });
    const invocationId = (reply.body.data?.invokeModel as { invocationId: string }).invocationId;
    await page.locator('.result-window', { hasText: invocationId }).waitFor();
    expect(JSON.parse(await resultText())).toEqual({ data: { onInvocation: { invocationId, modelId: SEED_REQUEST.modelId } } });
    await page.screenshot({ path: join(TEST_OUTPUT, 'explorer.png') });
    await run();
    await page.waitForSelector('html[data-subscriptions="0"]');
  });

  it('fails with AppSync\'s UnauthorizedException when the header holds an unknown key', async () => {
    await typeOperation('query Whoever { me { username } }', 'Whoever');
    await typeInto('.graphiql-editor-tool .graphiql-editor:not(.hidden)', JSON.stringify({ Authorization: 'bdl_not-a-key' }));
    await run();
    await page.locator('.result-window', { hasText: 'UnauthorizedException' }).waitFor();
    expect(JSON.parse(await resultText())).toMatchObject({ errors: [{ errorType: 'UnauthorizedException' }] });
  });
});
