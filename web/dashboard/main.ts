/**
 * The usage dashboard: cost and tokens by day, by model and by principal for a period, top spenders,
 * budget use, and a live feed of invocations through the onInvocation subscription. Static files:
 * served by the local runtime at /dashboard/, deployable anywhere, pointed at any endpoint and key.
 */
import { OnInvocationDocument, type InvocationResultFragment } from '../../client/__generated__/graphql.ts';
import { createLedgerClient, type LedgerClient, type LedgerSubscription } from '../../client/ledger-client.ts';
import { displayUsd, nanoToUsd } from '../../client/money.ts';
import { columnChart, rowChart } from './charts.ts';
import { loadDashboard, type DashboardData } from './data.ts';

const $ = <E extends HTMLElement>(selector: string): E => {
  const element = document.querySelector<E>(selector);
  if (!element) throw new Error(`The page lacks ${selector}`);
  return element;
};

const form = $<HTMLFormElement>('#connect');
const statusLine = $<HTMLParagraphElement>('#status');
const input = (name: string): HTMLInputElement => $<HTMLInputElement>(`#connect input[name="${name}"]`);
const usd = (nano: bigint): string => displayUsd(nanoToUsd(nano));
const count = (value: number): string => value.toLocaleString('en-US');

let client: LedgerClient | null = null;
let live: LedgerSubscription | null = null;
let period = { from: '', to: '' };
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

function setStatus(text: string, error = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', error);
}

function defaults(): void {
  const today = new Date().toISOString().slice(0, 10);
  const params = new URLSearchParams(window.location.search);
  const servedLocally = window.location.pathname.startsWith('/dashboard');
  input('endpoint').value = params.get('endpoint') ?? localStorage.getItem('bedrock-ledger.endpoint') ?? (servedLocally ? new URL('/graphql', window.location.href).toString() : '');
  input('key').value = sessionStorage.getItem('bedrock-ledger.key') ?? '';
  input('from').value = params.get('from') ?? `${today.slice(0, 8)}01`;
  input('to').value = params.get('to') ?? today;
}

function render(data: DashboardData): void {
  $('#total-cost').textContent = `$${usd(data.totals.costNano)}`;
  $('#total-cost').dataset.nanoUsd = data.totals.costNano.toString();
  $('#total-invocations').textContent = count(data.totals.invocations);
  $('#total-input').textContent = count(data.totals.inputTokens);
  $('#total-output').textContent = count(data.totals.outputTokens);
  $('#caller').textContent = `${data.caller.username} (${data.caller.role})`;
  const label = (date: string) => date.slice(5);
  columnChart(
    $('#chart-cost-day'),
    data.days.map((day) => ({ label: label(day.date), values: [Number(day.costNano)], title: `${day.date}: $${usd(day.costNano)}, ${day.invocations} invocations` })),
  );
  $('#chart-cost-day').dataset.totalNanoUsd = data.totals.costNano.toString();
  columnChart(
    $('#chart-tokens-day'),
    data.days.map((day) => ({ label: label(day.date), values: [day.inputTokens, day.outputTokens], title: `${day.date}: ${count(day.inputTokens)} input, ${count(day.outputTokens)} output tokens` })),
    ['bar', 'bar output'],
  );
  rowChart($('#chart-model'), data.models.map((model) => ({ label: model.label, value: Number(model.costNano), display: `$${usd(model.costNano)} · ${model.invocations}` })));
  rowChart($('#chart-principal'), data.principals.map((principal) => ({ label: principal.label, value: Number(principal.costNano), display: `$${usd(principal.costNano)} · ${principal.invocations}` })));
  rowChart($('#chart-team'), data.teams.map((team) => ({ label: team.label, value: Number(team.costNano), display: `$${usd(team.costNano)} · ${team.invocations}` })));
  renderBudgets(data);
  document.body.dataset.invocations = String(data.totals.invocations);
}

function renderBudgets(data: DashboardData): void {
  const box = $('#budgets');
  if (data.budgets === null) {
    box.textContent = 'This API has no budgets.';
    return;
  }
  if (data.budgets.length === 0) {
    box.textContent = 'No budget set for the principals and teams shown.';
    return;
  }
  box.replaceChildren(
    ...data.budgets.map((budget) => {
      const used = budget.spentNano + budget.reservedNano;
      const percent = budget.limitNano > 0n ? Number((used * 10000n) / budget.limitNano) / 100 : 0;
      const row = document.createElement('div');
      row.className = 'budget';
      if (budget.subject.kind === 'TEAM') row.dataset.team = budget.subject.id;
      else row.dataset.principalId = budget.subject.id;
      row.dataset.spentNanoUsd = budget.spentNano.toString();
      row.textContent = `${budget.subject.label} · $${usd(budget.spentNano)} of $${usd(budget.limitNano)} (${percent.toFixed(1)}%, ${budget.hard ? 'hard' : 'soft'}, ${budget.periodKey})`;
      const track = document.createElement('div');
      track.className = 'track';
      const fill = document.createElement('div');
      fill.className = percent >= 80 ? 'fill high' : 'fill';
      fill.style.width = `${Math.min(percent, 100)}%`;
      track.append(fill);
      row.append(track);
      return row;
    }),
  );
}

function feedItem(invocation: InvocationResultFragment): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'fresh';
  item.dataset.invocationId = invocation.invocationId;
  const cells = [
    new Date(invocation.createdAt).toLocaleTimeString('en-GB', { hour12: false }),
    invocation.modelId,
    `${count(invocation.usage.inputTokens)}→${count(invocation.usage.outputTokens)}`,
    invocation.cost.priced ? `$${displayUsd(invocation.cost.usd)}` : 'unpriced',
  ];
  const classes = ['time', 'model', 'tokens', 'cost'];
  item.replaceChildren(
    ...cells.map((text, index) => {
      const cell = document.createElement('span');
      cell.className = classes[index] ?? '';
      cell.textContent = text;
      if (index === 1) cell.title = `${invocation.modelId} · ${invocation.principalId}`;
      return cell;
    }),
  );
  return item;
}

async function reload(): Promise<void> {
  if (!client) return;
  render(await loadDashboard(client, period.from, period.to));
}

function scheduleReload(): void {
  if (reloadTimer) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reload().catch((error: unknown) => setStatus(error instanceof Error ? error.message : String(error), true));
  }, 300);
}

function goLive(current: LedgerClient): void {
  const state = $('#live-state');
  live?.unsubscribe();
  state.textContent = 'connecting';
  state.classList.remove('on');
  live = current.subscribe(OnInvocationDocument, {}, {
    next: ({ onInvocation }) => {
      if (!onInvocation) return;
      const feed = $('#feed');
      feed.prepend(feedItem(onInvocation));
      while (feed.children.length > 50) feed.lastElementChild?.remove();
      const day = onInvocation.createdAt.slice(0, 10);
      if (day >= period.from && day <= period.to) scheduleReload();
    },
    error: (error) => {
      state.textContent = 'off';
      state.classList.remove('on');
      setStatus(`Live feed stopped: ${error.message}`, true);
    },
  });
  live.started.then(
    () => {
      state.textContent = 'live';
      state.classList.add('on');
    },
    () => undefined,
  );
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const endpoint = input('endpoint').value.trim();
  const key = input('key').value.trim();
  period = { from: input('from').value, to: input('to').value };
  localStorage.setItem('bedrock-ledger.endpoint', endpoint);
  sessionStorage.setItem('bedrock-ledger.key', key);
  live?.unsubscribe();
  client?.close();
  client = key.startsWith('da2-') ? createLedgerClient({ url: endpoint, apiKey: key }) : createLedgerClient({ url: endpoint, token: key });
  const current = client;
  setStatus('Loading…');
  reload().then(
    () => {
      $('main').hidden = false;
      setStatus(`Usage from ${period.from} to ${period.to} (UTC) at ${endpoint}`);
      goLive(current);
    },
    (error: unknown) => setStatus(error instanceof Error ? error.message : String(error), true),
  );
});

defaults();
if (input('endpoint').value && input('key').value) form.requestSubmit();
