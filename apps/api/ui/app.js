// Ladder's operations UI: sign in, the follow-up queue, one case at a time, one customer, the referrals a
// fraud check held for a manager, and the manager's dashboard. Plain modules, no build step; this one routes the address to a view and
// wires the header.
import { api } from './api.js';
import { showCase } from './case-view.js';
import { showCustomer } from './customer-view.js';
import { destroyCharts } from './charts.js';
import { dashboardLink, mayReadDashboard, showDashboard } from './dashboard-view.js';
import { showQueue } from './queue-view.js';
import { showReferrals } from './referrals-view.js';
import { applyLanguage, showSignIn } from './session.js';
import { state } from './state.js';

async function route() {
  // Every view starts afresh: the dashboard's charts (and their resize listeners) go with the page left.
  destroyCharts();
  applyLanguage();
  dashboardLink();
  const hash = location.hash || '#/queue';
  if (hash.startsWith('#/signin')) return showSignIn();
  if (!state.session) {
    try {
      state.session = await api('/api/session');
      applyLanguage();
      dashboardLink();
    } catch {
      return showSignIn();
    }
  }
  if (hash.startsWith('#/referrals')) return showReferrals();
  if (hash.startsWith('#/dashboard') && mayReadDashboard()) return showDashboard();
  const caseMatch = /^#\/cases\/([0-9a-f-]{36})/i.exec(hash);
  if (caseMatch) return showCase(caseMatch[1]);
  const customerMatch = /^#\/customers\/([^/?#]+)/.exec(hash);
  if (customerMatch) return showCustomer(decodeURIComponent(customerMatch[1]));
  return showQueue();
}

document.getElementById('language').addEventListener('click', () => {
  state.language = state.language === 'fa' ? 'en' : 'fa';
  localStorage.setItem('ladder-language', state.language);
  route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('/api/session', { method: 'DELETE', credentials: 'same-origin' });
  state.session = null;
  location.hash = '#/signin';
});

window.addEventListener('hashchange', route);
route();
