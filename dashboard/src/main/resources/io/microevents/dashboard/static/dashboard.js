// The microevents dashboard: a snapshot, then deltas, over Server-Sent Events from "stream"
// (relative to the page, so any admin base path works). Rows are updated in place, never rebuilt
// on an update, so nothing the user is typing or pointing at is reset. Values from the server are
// only ever set as text (textContent), never as markup.
(function () {
  'use strict';

  const state = { summary: null, tasks: new Map(), events: [], rings: [], sections: {}, charts: {}, uptimeMs: 0 };
  let access = { write: false, readOnly: true };
  let lastEventId = null;
  let source = null;
  let connects = 0;
  let offset = 0;        // server's clock minus the browser's, from the last update
  let receivedAt = Date.now();
  const plots = new Map();

  // ------------------------------------------------------------------ helpers

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'class') { e.className = v; } else { e.setAttribute(k, v); }
      }
    }
    for (const c of children) {
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function setText(node, text) {
    const s = String(text);
    if (node.textContent !== s) { node.textContent = s; }
  }

  function duration(ms) {
    if (ms < 1000) { return Math.max(0, Math.round(ms)) + ' ms'; }
    const s = ms / 1000;
    if (s < 60) { return s.toFixed(1) + ' s'; }
    const m = Math.floor(s / 60);
    if (m < 60) { return m + ' min ' + Math.floor(s % 60) + ' s'; }
    const h = Math.floor(m / 60);
    if (h < 48) { return h + ' h ' + (m % 60) + ' min'; }
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  function time(value) {
    if (value === null || value === undefined) { return '-'; }
    const d = new Date(value);
    return isNaN(d) ? String(value) : d.toLocaleTimeString();
  }

  function say(text, isError) {
    const m = $('message');
    m.hidden = false;
    m.className = isError ? 'error' : 'ok';
    setText(m, text);
  }

  // ------------------------------------------------------------------ the stream

  function connect() {
    const url = lastEventId ? 'stream?lastEventId=' + encodeURIComponent(lastEventId) : 'stream';
    source = new EventSource(url);
    source.addEventListener('hello', (e) => {
      const next = JSON.parse(e.data);
      const changed = next.write !== access.write;
      access = next;
      connects++;
      connection('live', 'on');
      setText($('mode'), access.readOnly ? 'read-only' : (access.write ? 'read-write' : 'read'));
      $('trigger-form').hidden = !access.write;
      document.body.classList.toggle('writable', access.write);
      if (changed) { $('tasks').tBodies[0].replaceChildren(); renderTasks(); }
    });
    source.addEventListener('snapshot', (e) => {
      lastEventId = e.lastEventId;
      snapshot(JSON.parse(e.data));
    });
    source.addEventListener('delta', (e) => {
      lastEventId = e.lastEventId;
      delta(JSON.parse(e.data));
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        // refused (503, 401 ...): EventSource gives up; try again a little later, resuming.
        connection('offline, retrying', 'off');
        setTimeout(connect, 3000);
      } else {
        connection('reconnecting', 'off');
      }
    };
  }

  function connection(text, cls) {
    const c = $('connection');
    setText(c, text);
    c.className = 'badge ' + cls;
    c.setAttribute('data-connects', String(connects));
  }

  function clock(data) {
    receivedAt = Date.now();
    offset = data.at - receivedAt;
    state.uptimeMs = data.uptimeMs;
  }

  function snapshot(data) {
    clock(data);
    state.summary = data.summary;
    state.tasks = new Map(data.tasks.map((t) => [t.id, t]));
    state.events = data.events;
    state.rings = data.rings;
    state.sections = data.sections || {};
    state.charts = data.charts || {};
    renderAll();
    renderCharts(true);
  }

  function delta(data) {
    clock(data);
    if (data.summary) { state.summary = data.summary; renderSummary(); }
    if (data.tasks) {
      for (const t of data.tasks.upsert) { state.tasks.set(t.id, t); }
      for (const id of data.tasks.remove) { state.tasks.delete(id); }
      renderTasks();
      renderEvents();
    }
    if (data.events) { state.events = data.events; renderEvents(); }
    if (data.rings) { state.rings = data.rings; renderRings(); }
    if (data.sections) { Object.assign(state.sections, data.sections); renderPorts(); }
    if (data.charts) {
      for (const [name, c] of Object.entries(data.charts)) {
        const chart = state.charts[name];
        if (!chart) { continue; }
        chart.points.push(...c.points);
        chart.skipped = c.skipped;
      }
      renderCharts(false);
    }
  }

  // ------------------------------------------------------------------ rendering

  function renderAll() {
    renderSummary();
    renderTasks();
    renderEvents();
    renderRings();
    renderPorts();
  }

  function renderSummary() {
    const s = state.summary;
    if (!s) { return; }
    setText($('summary-tasks'), s.tasks + ' / ' + s.maxTasks);
    setText($('summary-pending'), s.pending);
    setText($('summary-failing'), s.failing);
    $('summary-failing').classList.toggle('bad', s.failing > 0);
    setText($('summary-lateness'), s.latenessLastMs.toFixed(2) + ' / ' + s.latenessMeanMs.toFixed(2) + ' / '
        + s.latenessMaxMs.toFixed(2) + ' ms');
    setText($('summary-loop'), s.running ? 'running' : 'stopped');
    $('summary-loop').classList.toggle('bad', !s.running);
    tick();
  }

  function renderTasks() {
    const body = $('tasks').tBodies[0];
    const rows = new Map([...body.rows].map((r) => [Number(r.dataset.taskId), r]));
    const ids = [...state.tasks.keys()].sort((a, b) => a - b);
    let previous = null;
    for (const id of ids) {
      const t = state.tasks.get(id);
      let row = rows.get(id);
      if (!row) {
        row = taskRow(t);
      }
      rows.delete(id);
      const expected = previous ? previous.nextSibling : body.firstChild;
      if (expected !== row) { body.insertBefore(row, expected); }
      previous = row;
      updateTaskRow(row, t);
    }
    for (const row of rows.values()) { row.remove(); }
    tick();
  }

  function taskRow(t) {
    const row = el('tr', { 'data-task-id': t.id });
    for (const name of ['id', 'job', 'kind', 'state', 'event', 'interval', 'next', 'runs', 'failures', 'error']) {
      row.append(el('td', { class: name }));
    }
    const actions = el('td', { class: 'actions-col' });
    if (access.write) {
      const run = el('button', { class: 'run', type: 'button', title: 'one extra run now' }, 'run now');
      run.addEventListener('click', () => act('POST', 'tasks/' + t.id + '/run', null, 'Task ' + t.id + ': extra run queued'));
      const cancel = el('button', { class: 'cancel', type: 'button' }, 'cancel');
      cancel.addEventListener('click', () => act('DELETE', 'tasks/' + t.id, null, 'Task ' + t.id + ' cancelled'));
      const interval = el('input', { class: 'interval-input', type: 'number', min: '1', placeholder: 'ms', size: '6',
        'aria-label': 'new interval in ms' });
      const set = el('button', { class: 'set-interval', type: 'button' }, 'set interval');
      set.addEventListener('click', () => {
        const ms = Number(interval.value);
        act('PUT', 'tasks/' + t.id + '/interval', { interval: ms }, 'Task ' + t.id + ': interval ' + ms + ' ms');
      });
      actions.append(run, ' ', cancel, ' ', interval, set);
    }
    row.append(actions);
    return row;
  }

  function updateTaskRow(row, t) {
    const c = row.cells;
    setText(c[0], t.id);
    setText(c[1], t.job);
    setText(c[2], t.kind.toLowerCase());
    setText(c[3], t.state.toLowerCase());
    setText(c[4], t.event || '');
    setText(c[5], t.interval > 0 ? duration(t.interval) : '');
    row.dataset.nextAt = t.nextAt === null || t.nextAt === undefined ? '' : String(t.nextAt);
    setText(c[7], t.runs);
    setText(c[8], t.failures + (t.droppedTriggers > 0 ? ' (+' + t.droppedTriggers + ' dropped)' : ''));
    setText(c[9], t.lastError ? t.lastError.type.replace(/^.*\./, '') + ': ' + (t.lastError.message || '') : '');
    c[9].title = t.lastError ? t.lastError.type + ': ' + (t.lastError.message || '') : '';
    row.classList.toggle('failing', t.failing);
    row.classList.toggle('set-interval-allowed', t.interval > 0);
  }

  /** Countdowns and uptime, computed here between updates from the last snapshot's times. */
  function tick() {
    const now = Date.now() + offset;
    for (const row of $('tasks').tBodies[0].rows) {
      const at = row.dataset.nextAt;
      setText(row.cells[6], at === '' || at === undefined ? '' : (Number(at) <= now ? 'due' : 'in ' + duration(Number(at) - now)));
    }
    if (state.summary) {
      setText($('summary-uptime'), duration(state.uptimeMs + (Date.now() - receivedAt)));
    }
  }

  function renderEvents() {
    const body = $('events').tBodies[0];
    const rows = new Map([...body.rows].map((r) => [r.dataset.event, r]));
    for (const e of state.events) {
      let row = rows.get(e.event);
      if (!row) {
        row = el('tr', { 'data-event': e.event }, el('td', { class: 'event' }), el('td', { class: 'listeners' }));
        body.append(row);
      }
      rows.delete(e.event);
      setText(row.cells[0], e.event);
      const listeners = [...state.tasks.values()].filter((t) => t.event === e.event).map((t) => '#' + t.id + ' ' + t.job);
      setText(row.cells[1], listeners.length ? listeners.join(', ') : e.listeners);
    }
    for (const row of rows.values()) { row.remove(); }
  }

  function renderRings() {
    const box = $('rings');
    const cards = new Map([...box.children].map((c) => [c.dataset.ring, c]));
    for (const r of state.rings) {
      let card = cards.get(r.name);
      if (!card) {
        card = el('div', { class: 'card', 'data-ring': r.name },
            el('h3', null, r.name),
            el('meter', { min: '0', max: String(r.capacity), low: String(r.capacity * 0.7),
              high: String(r.capacity * 0.9), optimum: '0' }),
            el('div', { class: 'fill' }), el('div', { class: 'oldest' }), el('div', { class: 'ids' }));
        box.append(card);
      }
      cards.delete(r.name);
      const meter = card.querySelector('meter');
      meter.max = r.capacity;
      meter.value = r.used;
      setText(card.querySelector('.fill'), r.used + ' of ' + r.capacity + ' bytes, ' + r.messageCount + ' messages'
          + (r.droppedCount ? ', ' + r.droppedCount + ' dropped' : '') + ' (' + r.overflowPolicy.toLowerCase().replace('_', '-') + ')');
      const m = r.oldest;
      setText(card.querySelector('.oldest'), m ? 'oldest: #' + m.id + ' '
          + (m.text !== null && m.text !== undefined ? '"' + m.text + '"' : '(' + m.length + ' bytes, not UTF-8)') : 'empty');
      setText(card.querySelector('.ids'), r.ids.length ? 'ids: ' + r.ids.join(' ') : '');
    }
    for (const card of cards.values()) { card.remove(); }
  }

  function renderPorts() {
    const ports = state.sections.ports;
    $('ports-section').hidden = !ports || ports.length === 0;
    if (!ports) { return; }
    const box = $('ports');
    const cards = new Map([...box.children].map((c) => [c.dataset.port, c]));
    for (const p of ports) {
      let card = cards.get(p.name);
      if (!card) {
        card = el('div', { class: 'card', 'data-port': p.name }, el('h3', null, p.name),
            el('div', { class: 'link' }), el('dl', { class: 'counters' }));
        box.append(card);
      }
      cards.delete(p.name);
      const link = card.querySelector('.link');
      setText(link, (p.path || '') + ': ' + (!p.enabled ? 'switched off'
          : p.connected ? 'connected since ' + time(p.connectedSince) : 'down'));
      link.className = 'link ' + (p.connected || !p.enabled ? 'good' : 'bad');
      const dl = el('dl', { class: 'counters' });
      for (const [k, v] of Object.entries(p)) {
        if (['name', 'path', 'enabled', 'connected', 'connectedSince'].includes(k) || v === null) { continue; }
        let text;
        if (typeof v === 'object') {
          text = Object.entries(v).map(([rk, rv]) => rk.toLowerCase().replaceAll('_', ' ') + ' ' + rv).join(', ');
        } else if (/At$/.test(k)) {
          text = time(v);
        } else {
          text = String(v);
        }
        dl.append(el('dt', null, k.replace(/([A-Z])/g, ' $1').toLowerCase()), el('dd', { 'data-key': k }, text));
      }
      card.querySelector('.counters').replaceWith(dl);
    }
    for (const card of cards.values()) { card.remove(); }
  }

  // ------------------------------------------------------------------ charts (uPlot)

  function renderCharts(rebuild) {
    const box = $('charts');
    if (rebuild) {
      for (const p of plots.values()) { p.plot.destroy(); }
      plots.clear();
      box.replaceChildren();
    }
    for (const [name, chart] of Object.entries(state.charts)) {
      const newest = chart.points.length ? chart.points[chart.points.length - 1][0] : 0;
      const cut = newest - chart.windowMs;
      let drop = 0;
      while (drop < chart.points.length && chart.points[drop][0] < cut) { drop++; }
      if (drop) { chart.points.splice(0, drop); }
      const xs = chart.points.map((p) => p[0] / 1000);
      const ys = chart.points.map((p) => p[1]);
      const data = chart.threshold === null || chart.threshold === undefined
          ? [xs, ys] : [xs, ys, xs.map(() => chart.threshold)];
      let entry = plots.get(name);
      if (!entry) {
        const holder = el('div', { class: 'plot' });
        const card = el('div', { class: 'card chart', id: 'chart-' + name, 'data-chart': name },
            el('h3', null, name + ' ', el('span', { class: 'sub' }, 'event ' + chart.event)),
            holder, el('div', { class: 'latest' }));
        box.append(card);
        const series = [{}, { label: chart.label, stroke: '#1f6feb', width: 2, points: { size: 4 } }];
        if (data.length === 3) {
          series.push({ label: 'threshold ' + chart.threshold, stroke: '#d1242f', width: 1, dash: [6, 4],
            points: { show: false } });
        }
        const plot = new uPlot({
          width: Math.max(300, holder.clientWidth || box.clientWidth - 40),
          height: 220,
          series: series,
          scales: { x: { time: true } },
          axes: [{}, { label: chart.label }],
          legend: { live: false },
        }, data, holder);
        entry = { plot: plot, card: card };
        plots.set(name, entry);
      } else {
        entry.plot.setData(data);
      }
      entry.card.dataset.points = String(ys.length);
      setText(entry.card.querySelector('.latest'), ys.length
          ? 'latest ' + ys[ys.length - 1] + ' at ' + time(chart.points[chart.points.length - 1][0])
            + (chart.skipped ? ' (' + chart.skipped + ' triggers without a number skipped)' : '')
          : 'no reading yet');
    }
  }

  window.addEventListener('resize', () => {
    for (const p of plots.values()) {
      p.plot.setSize({ width: Math.max(300, p.card.clientWidth - 24), height: 220 });
    }
  });

  // ------------------------------------------------------------------ actions (the REST admin)

  async function act(method, path, body, done) {
    const init = { method: method, headers: { Accept: 'application/json, application/problem+json' } };
    if (body !== null) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    try {
      const res = await fetch(path, init);
      if (res.ok) {
        say(done, false);
        return;
      }
      let detail = res.status + ' ' + res.statusText;
      try {
        const problem = await res.json();
        if (problem && problem.detail) { detail = problem.detail + ' (' + res.status + ')'; }
      } catch (ignored) {
        // not a problem detail: the status says enough
      }
      say(detail, true);
    } catch (e) {
      say('The server did not answer: ' + e.message, true);
    }
  }

  $('trigger-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('trigger-event').value.trim();
    const raw = $('trigger-args').value.trim();
    let args = null;
    if (raw) {
      try {
        args = JSON.parse(raw);
      } catch (err) {
        say('Arguments must be JSON, for example [42.0]: ' + err.message, true);
        return;
      }
      if (!Array.isArray(args)) { args = [args]; }
    }
    act('POST', 'events/' + encodeURIComponent(name), args, 'Event ' + name + ' triggered');
  });

  setInterval(tick, 250);
  connect();
}());
