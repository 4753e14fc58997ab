/*
 * The Steadfast console's page. It reads snapshots from the stream (one a second) and draws them. Every name and
 * message is set as text (textContent, attribute values), never parsed as HTML, so a breaker named <script> shows as
 * text. No library, no network access beyond the console's own endpoints.
 */
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const OUTCOMES = ['success', 'fallback', 'failure', 'timed_out', 'circuit_open', 'bulkhead_full', 'rate_limited'];
  const OUTCOME_LABELS = {
    success: 'success', fallback: 'fallback', failure: 'failure', timed_out: 'timed out',
    circuit_open: 'rejected by breaker', bulkhead_full: 'rejected by bulkhead', rate_limited: 'rejected by rate limit'
  };
  const STATE_LABELS = { CLOSED: 'closed', OPEN: 'open', HALF_OPEN: 'half-open', FORCED_OPEN: 'forced open' };

  const body = document.body;
  const control = body.dataset.control;
  const csrf = body.dataset.csrf;
  const filterBox = document.getElementById('filter');
  const status = document.getElementById('status');
  const updated = document.getElementById('updated');
  const summary = document.getElementById('summary');
  const breakersBox = document.getElementById('breakers');
  const operationsBox = document.getElementById('operations');
  const timelineBox = document.getElementById('timeline');
  const transitionsList = document.getElementById('transitions');
  const breakerCards = new Map();
  const operationCards = new Map();
  let latest = null;
  let filter = '';

  if (control === 'denied') {
    document.getElementById('control-note').hidden = false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Small helpers: elements are built with text only.

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) {
      e.className = cls;
    }
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    return e;
  }

  function svg(tag, attrs) {
    const e = document.createElementNS(SVG, tag);
    for (const k of Object.keys(attrs || {})) {
      e.setAttribute(k, String(attrs[k]));
    }
    return e;
  }

  /**
   * A name that may break after its dots, '#', '(' and commas: text nodes and <wbr> elements, never markup. A method
   * shows its package small and its class, method and parameters large.
   */
  function nameElement(tag, name, isMethod) {
    const e = el(tag, 'name');
    let rest = name;
    const hash = isMethod ? name.indexOf('#') : -1;
    const dot = hash > 0 ? name.lastIndexOf('.', hash) : -1;
    if (dot > 0) {
      const pkg = el('span', 'package');
      appendBreakable(pkg, name.substring(0, dot + 1));
      e.appendChild(pkg);
      rest = name.substring(dot + 1);
    }
    const main = el('span', 'simple');
    appendBreakable(main, rest);
    e.appendChild(main);
    return e;
  }

  function appendBreakable(parent, text) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (c === '.' || c === '#' || c === '(' || c === ',') {
        parent.appendChild(document.createTextNode(text.substring(start, i + 1)));
        parent.appendChild(document.createElement('wbr'));
        start = i + 1;
      }
    }
    parent.appendChild(document.createTextNode(text.substring(start)));
  }

  /** {@code com.acme.Quotes#fetch(String)} without its package: {@code Quotes#fetch(String)}. */
  function simpleName(method) {
    const hash = method.indexOf('#');
    const dot = hash > 0 ? method.lastIndexOf('.', hash) : -1;
    return method.substring(dot + 1);
  }

  function fact(label) {
    const box = el('div', 'fact');
    box.appendChild(el('span', 'label', label));
    const value = el('span', 'value');
    box.appendChild(value);
    return { box: box, value: value };
  }

  function duration(ms) {
    if (ms === null || ms === undefined) {
      return '–';
    }
    if (ms < 1000) {
      return Math.round(ms) + ' ms';
    }
    const s = ms / 1000;
    if (s < 60) {
      return s.toFixed(1) + ' s';
    }
    if (s < 3600) {
      return Math.floor(s / 60) + ' min ' + Math.floor(s % 60) + ' s';
    }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }

  function millis(ms) {
    if (ms === null || ms === undefined) {
      return '–';
    }
    if (ms < 1) {
      return ms.toFixed(3) + ' ms';
    }
    if (ms < 100) {
      return ms.toFixed(1) + ' ms';
    }
    return duration(ms);
  }

  function clock(epochMillis) {
    const d = new Date(epochMillis);
    return d.toLocaleTimeString([], { hour12: false });
  }

  function rate(r) {
    if (r === null || r === undefined) {
      return '–';
    }
    return r >= 100 ? r.toFixed(0) : r.toFixed(1);
  }

  function percent(x) {
    return (x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0) + ' %';
  }

  function matches(name) {
    return filter === '' || name.toLowerCase().includes(filter);
  }

  /** A horizontal bar of parts ({cls, value}) out of a total, as SVG rectangles. */
  function bar(parts, total) {
    const s = svg('svg', { class: 'bar', viewBox: '0 0 100 6', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
    s.appendChild(svg('rect', { class: 'track', x: 0, y: 0, width: 100, height: 6 }));
    let x = 0;
    for (const p of parts) {
      if (total > 0 && p.value > 0) {
        const w = Math.max(0.5, 100 * p.value / total);
        s.appendChild(svg('rect', { class: p.cls, x: x, y: 0, width: w, height: 6 }));
        x += w;
      }
    }
    return s;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Breakers

  function breakerCard(name) {
    const card = el('article', 'card breaker');
    card.dataset.breaker = name;
    const head = el('header');
    head.appendChild(nameElement('h3', name, false));
    const state = el('span', 'badge');
    head.appendChild(state);
    card.appendChild(head);
    const facts = el('div', 'facts');
    const inState = fact('in state for');
    const retryAfter = fact('half-open in');
    const calls = fact('calls');
    const failed = fact('failed');
    const rejected = fact('rejected');
    const errors = fact('errors, last 10 s');
    for (const f of [inState, retryAfter, calls, failed, rejected, errors]) {
      facts.appendChild(f.box);
    }
    card.appendChild(facts);
    const methods = el('p', 'methods');
    card.appendChild(methods);
    const refs = {
      card: card, state: state, inState: inState, retryAfter: retryAfter, calls: calls, failed: failed,
      rejected: rejected, errors: errors, methods: methods, result: null
    };
    if (control === 'on') {
      const actions = el('div', 'actions');
      const force = el('button', 'action force-open', 'Force open');
      force.type = 'button';
      force.dataset.action = 'force-open';
      force.addEventListener('click', function () { act('force-open', name, refs); });
      const reset = el('button', 'action reset', 'Reset');
      reset.type = 'button';
      reset.dataset.action = 'reset';
      reset.addEventListener('click', function () { act('reset', name, refs); });
      actions.appendChild(force);
      actions.appendChild(reset);
      refs.result = el('span', 'result');
      actions.appendChild(refs.result);
      card.appendChild(actions);
    }
    return refs;
  }

  function updateBreaker(refs, b) {
    const card = refs.card;
    card.dataset.state = b.state;
    card.classList.toggle('trouble', b.state !== 'CLOSED');
    refs.state.className = 'badge state-' + b.state.toLowerCase();
    refs.state.textContent = b.state;
    refs.state.title = STATE_LABELS[b.state] || b.state;
    refs.inState.value.textContent = b.inStateMillis === null ? 'since start' : duration(b.inStateMillis);
    refs.retryAfter.box.hidden = b.retryAfterMillis === null;
    refs.retryAfter.value.textContent = duration(b.retryAfterMillis);
    refs.calls.value.textContent = String(b.stats.calls);
    refs.failed.value.textContent = String(b.stats.failed);
    refs.rejected.value.textContent = String(b.stats.rejected);
    refs.errors.value.textContent = percent(b.errorRate);
    refs.methods.textContent = b.methods.length === 0 ? '' : 'used by ' + b.methods.map(simpleName).join(', ');
    refs.methods.title = b.methods.join('\n');
    card.hidden = !matches(b.name);
  }

  function act(action, name, refs) {
    refs.result.textContent = '…';
    refs.result.className = 'result';
    fetch('breakers/' + action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Steadfast-Csrf': csrf },
      body: new URLSearchParams({ name: name }),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.text().then(function (text) {
        if (response.ok) {
          const answer = JSON.parse(text);
          refs.result.textContent = 'now ' + answer.state;
          refs.result.className = 'result ok';
          refresh();
        } else {
          refs.result.textContent = response.status + ': ' + text;
          refs.result.className = 'result refused';
        }
      });
    }).catch(function (e) {
      refs.result.textContent = 'failed: ' + e;
      refs.result.className = 'result refused';
    });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Guarded methods

  function operationCard(method) {
    const card = el('article', 'card operation');
    card.dataset.method = method;
    const head = el('header');
    head.appendChild(nameElement('h3', method, true));
    const breaker = el('span', 'badge breaker-badge');
    head.appendChild(breaker);
    card.appendChild(head);
    const policies = el('p', 'policies');
    card.appendChild(policies);
    const rateBox = el('div', 'rate');
    const rateValue = el('span', 'calls-per-second');
    rateBox.appendChild(rateValue);
    rateBox.appendChild(el('span', 'unit', 'calls/s'));
    const spark = svg('svg', { class: 'sparkline', viewBox: '0 0 240 44', preserveAspectRatio: 'none',
      role: 'img', 'aria-label': 'calls per second, last 2 minutes' });
    rateBox.appendChild(spark);
    const peak = el('span', 'peak');
    rateBox.appendChild(peak);
    card.appendChild(rateBox);
    const outcomes = el('div', 'outcomes');
    card.appendChild(outcomes);
    const facts = el('div', 'facts');
    const p50 = fact('p50');
    const p99 = fact('p99');
    const errors = fact('errors');
    const retries = fact('retries');
    for (const f of [p50, p99, errors, retries]) {
      facts.appendChild(f.box);
    }
    card.appendChild(facts);
    const windowLine = el('p', 'window');
    card.appendChild(windowLine);
    const bulkhead = el('div', 'gauge bulkhead');
    card.appendChild(bulkhead);
    const rateLimit = el('div', 'gauge rate-limit');
    card.appendChild(rateLimit);
    return {
      card: card, breaker: breaker, policies: policies, rateValue: rateValue, spark: spark, peak: peak,
      outcomes: outcomes, p50: p50, p99: p99, errors: errors, retries: retries, window: windowLine, bulkhead: bulkhead,
      rateLimit: rateLimit
    };
  }

  function updateOperation(refs, o, snapshot) {
    const card = refs.card;
    card.dataset.calls = String(o.calls);
    const trouble = (o.breakerState && o.breakerState !== 'CLOSED') || o.window.errorRate > 0;
    card.classList.toggle('trouble', trouble);
    if (o.breaker) {
      refs.breaker.hidden = false;
      refs.breaker.className = 'badge breaker-badge state-' + (o.breakerState || 'closed').toLowerCase();
      refs.breaker.textContent = o.breaker + ' ' + (o.breakerState || '');
    } else {
      refs.breaker.hidden = true;
    }
    refs.policies.textContent = o.policies.map(function (p) { return p.toLowerCase().replace('_', ' '); }).join(' · ');
    refs.rateValue.textContent = rate(o.callsPerSecond);
    drawSparkline(refs.spark, snapshot.times, o.history, snapshot.time, snapshot.historySeconds,
      snapshot.intervalMillis, refs.peak);

    const parts = OUTCOMES.map(function (k) { return { cls: 'o-' + k, value: o.outcomes[k] }; });
    const legend = el('ul', 'legend');
    for (const k of OUTCOMES) {
      const n = o.outcomes[k];
      if (n > 0 || k === 'success') {
        const item = el('li', 'o-' + k);
        item.dataset.outcome = k;
        item.appendChild(el('span', 'swatch'));
        item.appendChild(el('span', 'count', String(n)));
        item.appendChild(el('span', 'kind', OUTCOME_LABELS[k]));
        legend.appendChild(item);
      }
    }
    refs.outcomes.replaceChildren(bar(parts, o.calls), legend);

    refs.p50.value.textContent = millis(o.window.p50Millis);
    refs.p99.value.textContent = millis(o.window.p99Millis);
    refs.errors.value.textContent = o.window.calls === 0 ? '–' : percent(o.window.errorRate);
    refs.retries.value.textContent = String(o.retries);
    refs.window.textContent = o.window.calls + ' calls in the last ' + Math.round(o.window.seconds) + ' s; '
      + o.calls + ' since the start';

    if (o.bulkhead) {
      const b = o.bulkhead;
      refs.bulkhead.hidden = false;
      refs.bulkhead.replaceChildren(
        el('span', 'label', 'bulkhead'),
        el('span', 'value', b.inUse + ' / ' + b.maxConcurrent + ' in use, ' + b.queued + ' queued'),
        bar([{ cls: 'in-use', value: b.inUse }], b.maxConcurrent));
      refs.bulkhead.dataset.inUse = String(b.inUse);
      refs.bulkhead.dataset.queued = String(b.queued);
    } else {
      refs.bulkhead.hidden = true;
    }
    if (o.rateLimit) {
      const l = o.rateLimit;
      refs.rateLimit.hidden = false;
      refs.rateLimit.replaceChildren(
        el('span', 'label', 'rate limit'),
        el('span', 'value', l.used + ' / ' + l.limit + ' used, ' + l.left + ' left per '
          + duration(l.windowMillis) + ' (' + l.type.toLowerCase() + ')'),
        bar([{ cls: 'used', value: l.used }], l.limit));
      refs.rateLimit.dataset.used = String(l.used);
      refs.rateLimit.dataset.left = String(l.left);
    } else {
      refs.rateLimit.hidden = true;
    }
    card.hidden = !matches(o.method);
  }

  /** The calls per second of the last two minutes; a gap where no sample was taken. */
  function drawSparkline(spark, times, values, now, seconds, interval, peakLabel) {
    const W = 240;
    const H = 44;
    const start = now - seconds * 1000;
    let max = 0;
    for (const v of values) {
      if (v !== null && v > max) {
        max = v;
      }
    }
    const top = max > 0 ? max : 1;
    const children = [svg('line', { class: 'baseline', x1: 0, y1: H - 1, x2: W, y2: H - 1 })];
    let points = [];
    let previous = null;
    function flush() {
      if (points.length === 1) {
        const p = points[0].split(',');
        children.push(svg('circle', { class: 'dot', cx: p[0], cy: p[1], r: 1.5 }));
      } else if (points.length > 1) {
        children.push(svg('polyline', { class: 'line', points: points.join(' ') }));
      }
      points = [];
    }
    for (let i = 0; i < times.length; i++) {
      const v = values[i];
      const t = times[i];
      if (v === null || v === undefined || t < start || (previous !== null && t - previous > 2.5 * interval)) {
        flush();
      }
      if (v !== null && v !== undefined && t >= start) {
        const x = (W * (t - start) / (seconds * 1000)).toFixed(1);
        const y = (H - 2 - (H - 6) * v / top).toFixed(1);
        points.push(x + ',' + y);
        previous = t;
      } else {
        previous = null;
      }
    }
    flush();
    spark.replaceChildren.apply(spark, children);
    spark.dataset.points = String(values.filter(function (v) { return v !== null; }).length);
    peakLabel.textContent = max > 0 ? 'peak ' + rate(max) + '/s' : '';
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Timeline: one lane per breaker over the last two minutes, then the latest transitions.

  function drawTimeline(snapshot) {
    const seconds = snapshot.historySeconds;
    const end = snapshot.time;
    const start = end - seconds * 1000;
    const shown = snapshot.breakers.filter(function (b) { return matches(b.name); });
    const lane = 18;
    const W = 1000;
    const height = Math.max(lane, shown.length * lane);
    const s = svg('svg', { class: 'lanes', viewBox: '0 0 ' + W + ' ' + height, height: height,
      preserveAspectRatio: 'none', role: 'img', 'aria-label': 'breaker states, last 2 minutes' });
    shown.forEach(function (b, row) {
      const inWindow = b.transitions.filter(function (t) { return t.at > start; });
      let state = inWindow.length > 0 ? inWindow[0].from : b.state;
      let from = start;
      const segments = [];
      for (const t of inWindow) {
        segments.push({ state: state, from: from, to: t.at });
        state = t.to;
        from = t.at;
      }
      segments.push({ state: state, from: from, to: end });
      for (const seg of segments) {
        const x = W * (seg.from - start) / (end - start);
        const w = Math.max(1, W * (seg.to - seg.from) / (end - start));
        const r = svg('rect', { class: 'seg state-' + seg.state.toLowerCase(), x: x.toFixed(1),
          y: row * lane + 2, width: w.toFixed(1), height: lane - 4 });
        const title = svg('title', {});
        title.textContent = b.name + ': ' + seg.state;
        r.appendChild(title);
        s.appendChild(r);
      }
    });
    const names = el('div', 'lane-names');
    for (const b of shown) {
      names.appendChild(el('div', 'lane-name', b.name));
    }
    timelineBox.replaceChildren(names, s);
    timelineBox.hidden = shown.length === 0;

    const all = [];
    for (const b of snapshot.breakers) {
      for (const t of b.transitions) {
        if (matches(b.name)) {
          all.push({ name: b.name, t: t });
        }
      }
    }
    all.sort(function (a, b) { return b.t.at - a.t.at; });
    const items = all.slice(0, 12).map(function (x) {
      const li = el('li');
      li.appendChild(el('span', 'when', clock(x.t.at)));
      li.appendChild(el('span', 'who', x.name));
      li.appendChild(el('span', 'badge state-' + x.t.from.toLowerCase(), x.t.from));
      li.appendChild(el('span', 'arrow', '→'));
      li.appendChild(el('span', 'badge state-' + x.t.to.toLowerCase(), x.t.to));
      return li;
    });
    transitionsList.replaceChildren.apply(transitionsList, items);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering a snapshot

  // ---------------------------------------------------------------------------------------------------------------
  // The fleet: present only when the application has CLUSTER breakers or rate limits. Rebuilt at every snapshot, with
  // text only.

  function fleetTable(headings, rows) {
    const table = el('table', 'fleet-table');
    const head = el('tr');
    for (const h of headings) {
      head.appendChild(el('th', null, h));
    }
    table.appendChild(head);
    for (const r of rows) {
      const tr = el('tr');
      for (const cell of r) {
        tr.appendChild(cell instanceof Node ? wrapCell(cell) : el('td', null, String(cell)));
      }
      table.appendChild(tr);
    }
    return table;
  }

  function wrapCell(node) {
    const td = el('td');
    td.appendChild(node);
    return td;
  }

  function stateBadge(state) {
    return el('span', 'badge state-' + String(state).toLowerCase(), state);
  }

  function fleetBreakerCard(b) {
    const card = el('article', 'card fleet-breaker');
    card.dataset.name = b.name;
    const header = el('header');
    header.appendChild(nameElement('h3', b.name, false));
    header.appendChild(el('span', 'badge cluster-' + b.status.toLowerCase(), b.status));
    card.appendChild(header);
    const decision = b.decision === null ? 'no fleet decision heard (CLOSED)'
      : 'fleet decision ' + b.decision + ' by ' + b.origin + ' at ' + clock(b.decidedAt);
    card.appendChild(el('p', 'fleet-decision', decision));
    card.appendChild(fleetTable(['member', 'calls', 'failures', 'state', 'heard'], b.members.map(function (m) {
      return [m.member + (m.self ? ' (this one)' : ''), m.calls, m.failures, stateBadge(m.state), clock(m.at)];
    })));
    return card;
  }

  function fleetLimitCard(q) {
    const card = el('article', 'card fleet-limit');
    card.dataset.name = q.name;
    const header = el('header');
    header.appendChild(nameElement('h3', q.name, false));
    header.appendChild(el('span', 'badge cluster-' + q.status.toLowerCase(), q.status));
    card.appendChild(header);
    card.appendChild(el('p', 'fleet-quota', q.type + ' quota of ' + q.limit + ' per ' + duration(q.windowMillis)
      + ' for ' + q.members + (q.members === 1 ? ' member' : ' members')));
    card.appendChild(fleetTable(['', 'leased', 'used'], [
      ['this member', q.leased, q.used],
      ['the others', q.othersLeased < 0 ? 'unknown' : q.othersLeased, '']]
      .concat(q.fleetLeft < 0 ? [] : [['left in the fleet', q.fleetLeft, '']])));
    return card;
  }

  function renderFleet(fleet) {
    const box = document.getElementById('fleet');
    if (!fleet) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    document.getElementById('fleet-member').textContent = fleet.member;
    document.getElementById('fleet-breakers').replaceChildren.apply(
      document.getElementById('fleet-breakers'), fleet.breakers.filter(function (b) { return matches(b.name); })
        .map(fleetBreakerCard));
    document.getElementById('fleet-limits').replaceChildren.apply(
      document.getElementById('fleet-limits'), fleet.rateLimits.filter(function (q) { return matches(q.name); })
        .map(fleetLimitCard));
  }

  function render(snapshot) {
    if (latest && snapshot.time < latest.time && snapshot !== latest) {
      return; // an older answer overtaken by the stream
    }
    latest = snapshot;
    const seenBreakers = new Set();
    for (const b of snapshot.breakers) {
      let refs = breakerCards.get(b.name);
      if (!refs) {
        refs = breakerCard(b.name);
        breakerCards.set(b.name, refs);
      }
      updateBreaker(refs, b);
      breakersBox.appendChild(refs.card); // in the snapshot's order: trouble first
      seenBreakers.add(b.name);
    }
    for (const [name, refs] of breakerCards) {
      if (!seenBreakers.has(name)) {
        refs.card.remove();
        breakerCards.delete(name);
      }
    }
    document.getElementById('no-breakers').hidden = snapshot.breakers.length > 0;

    const seenOperations = new Set();
    for (const o of snapshot.operations) {
      let refs = operationCards.get(o.method);
      if (!refs) {
        refs = operationCard(o.method);
        operationCards.set(o.method, refs);
      }
      updateOperation(refs, o, snapshot);
      operationsBox.appendChild(refs.card);
      seenOperations.add(o.method);
    }
    for (const [method, refs] of operationCards) {
      if (!seenOperations.has(method)) {
        refs.card.remove();
        operationCards.delete(method);
      }
    }
    document.getElementById('no-operations').hidden = snapshot.operations.length > 0;

    drawTimeline(snapshot);
    renderFleet(snapshot.fleet);

    const open = snapshot.breakers.filter(function (b) { return b.state === 'OPEN' || b.state === 'FORCED_OPEN'; });
    const halfOpen = snapshot.breakers.filter(function (b) { return b.state === 'HALF_OPEN'; });
    const failing = snapshot.operations.filter(function (o) { return o.window.errorRate > 0; });
    let total = 0;
    for (const o of snapshot.operations) {
      total += o.callsPerSecond || 0;
    }
    summary.replaceChildren(
      summaryItem(open.length, 'open', open.length > 0 ? 'bad' : 'good'),
      summaryItem(halfOpen.length, 'half-open', halfOpen.length > 0 ? 'warn' : 'good'),
      summaryItem(failing.length, 'methods with errors', failing.length > 0 ? 'bad' : 'good'),
      summaryItem(rate(total), 'calls/s', 'neutral'),
      summaryItem(snapshot.operations.length, 'guarded methods', 'neutral'));
    updated.textContent = 'updated ' + clock(snapshot.time);
  }

  function summaryItem(value, label, tone) {
    const box = el('div', 'summary-item ' + tone);
    box.appendChild(el('span', 'value', String(value)));
    box.appendChild(el('span', 'label', label));
    return box;
  }

  function setStatus(text, cls) {
    status.textContent = text;
    status.className = 'status ' + cls;
  }

  function refresh() {
    fetch('snapshot', { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) {
        throw new Error('HTTP ' + r.status);
      }
      return r.json();
    }).then(render).catch(function () { /* the stream goes on */ });
  }

  function connect() {
    const source = new EventSource('stream');
    source.addEventListener('snapshot', function (e) {
      render(JSON.parse(e.data));
      setStatus('live', 'live');
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        setStatus('offline, retrying', 'offline');
        setTimeout(connect, 5000);
      } else {
        setStatus('reconnecting', 'reconnecting');
      }
    };
  }

  filterBox.addEventListener('input', function () {
    filter = filterBox.value.trim().toLowerCase();
    if (latest) {
      render(latest);
    }
  });

  refresh();
  connect();
})();
