// The room's phone page. Plain JS, no framework, no network beyond the game itself. Every text from the
// server (names, questions) is set with textContent: it is shown as text, never read as markup.
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const KEY = 'oc-room-token';
  let token = sessionStorage.getItem(KEY) || '';
  let events = null;
  let state = null;
  let seq = -1;          // the question shown
  let picked = null;     // the answer being built for this question
  let sent = false;
  let view = 'front';
  let deadline = 0;      // local time the countdown ends
  let laneDeadline = 0;
  let timer = null;

  const show = (id, on) => $(id).classList.toggle('hidden', !on);
  const text = (id, s) => { $(id).textContent = s == null ? '' : String(s); };

  async function api(path, body) {
    const opts = { method: body ? 'POST' : 'GET', headers: {} };
    if (token) opts.headers['X-Room-Token'] = token;
    if (body) { opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
    const res = await fetch(path, opts);
    let data = {};
    try { data = await res.json(); } catch (e) { data = { error: 'the game sent an unreadable answer' }; }
    return { status: res.status, data };
  }

  function forget(msg) {
    token = '';
    sessionStorage.removeItem(KEY);
    if (events) { events.close(); events = null; }
    state = null;
    ['wait', 'quiz', 'lanes', 'lane', 'board', 'leave'].forEach((id) => show(id, false));
    show('join', true);
    text('who', '');
    text('join-error', msg || '');
  }

  // ---------------- joining ----------------
  $('join-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const code = $('code').value.trim(), name = $('name').value.trim();
    if (!/^[0-9]{4}$/.test(code)) { text('join-error', 'The room code is 4 digits.'); return; }
    if (!name) { text('join-error', 'Type your name.'); return; }
    $('join-btn').disabled = true;
    text('join-error', '');
    try {
      const r = await api('/api/join', { code, name });
      if (r.status !== 200) { text('join-error', r.data.error || ('Refused (' + r.status + ')')); return; }
      token = r.data.token;
      sessionStorage.setItem(KEY, token);
      start();
    } catch (e) {
      text('join-error', 'Cannot reach the game. Are you on the same Wi-Fi?');
    } finally {
      $('join-btn').disabled = false;
    }
  });

  function start() {
    show('join', false);
    show('leave', true);
    listen();
  }

  function listen() {
    if (events) events.close();
    events = new EventSource('/api/events?t=' + encodeURIComponent(token));
    events.onmessage = (ev) => {
      text('conn', '');
      try { render(JSON.parse(ev.data)); } catch (e) { /* a broken message: wait for the next */ }
    };
    events.onerror = async () => {
      text('conn', 'Reconnecting…');
      // a closed stream may mean the room forgot us (switched off and on): ask once
      try {
        const r = await api('/api/state');
        if (r.status === 401) forget('The room was restarted: join again.');
        else if (r.status === 200) render(r.data);
      } catch (e) { /* the game is gone for now; EventSource keeps trying */ }
    };
  }

  // ---------------- showing the state ----------------
  function render(s) {
    state = s;
    document.body.classList.toggle('colorblind', s.palette === 'colorblind');
    if (s.you) text('who', s.you.name + (s.mode === 'quiz' ? ' · ' + s.you.points + ' pts' : ''));
    if (s.mode === 'quiz') renderQuiz(s); else renderSession(s);
  }

  function renderQuiz(s) {
    show('lanes', false); show('lane', false);
    const q = s.quiz || { state: 'wait' };
    renderBoard(s.board || []);
    if (q.state === 'wait') {
      show('quiz', false); show('wait', true);
      text('wait-title', s.you ? "You're in, " + s.you.name : "You're in");
      text('wait-text', q.level ? 'Next: ' + q.level + '. Watch the big screen.' : 'Watch the big screen: the next question appears here.');
      return;
    }
    show('wait', false); show('quiz', true);
    if (q.seq !== seq) newQuestion(q);
    sent = sent || q.answered;
    text('q-num', 'Question ' + q.num + ' of ' + q.of);
    if (q.state === 'ask') {
      deadline = Date.now() + q.seconds_left * 1000;
      tick();
    } else {
      deadline = 0; text('q-time', '');
    }
    const open = q.state === 'ask' && !sent;
    document.querySelectorAll('#quiz button').forEach((b) => { b.disabled = !open; });
    show('send', open && (q.kind === 'placement' || q.kind === 'ordering' || q.kind === 'tightness'));
    $('send').disabled = !open || picked === null;
    if (q.state === 'ask') text('q-status', sent ? 'Answer sent. Watch the big screen.' : '');
    show('q-reveal', q.state === 'reveal');
    if (q.state === 'reveal') {
      text('q-status', q.answered ? '' : 'No answer from you this time.');
      const v = $('r-verdict');
      v.className = 'verdict ' + (q.answered ? (q.correct ? 'good' : 'bad') : '');
      v.textContent = q.answered ? (q.correct ? 'Right! +' + q.points : 'Not quite') : '';
      text('r-right', q.right ? 'Answer: ' + q.right : '');
      text('r-explain', q.explain);
      document.querySelectorAll('#q-options button').forEach((b) => {
        if (Number(b.dataset.i) === q.right_i) b.classList.add('right');
      });
      if (q.right_spot) {
        // show where the band goes, on the side of the figure it goes on
        if (view !== q.right_spot.view) setView(q.right_spot.view);
        const m = $('right-marker');
        m.style.left = (q.right_spot.x * 100) + '%'; m.style.top = (q.right_spot.y * 100) + '%';
        show('right-marker', true);
        text('place-hint', q.answered && !q.correct ? 'The ticked band shows where it goes' : 'The ticked band: where it goes');
      }
    }
  }

  function newQuestion(q) {
    seq = q.seq; picked = null; sent = false; view = q.view || 'front';
    text('q-prompt', q.prompt);
    text('q-scenario', q.scenario || '');
    show('q-scenario', !!q.scenario);
    const opts = $('q-options');
    opts.textContent = '';
    show('q-tight', q.kind === 'tightness');
    show('q-order', q.kind === 'ordering');
    show('q-place', q.kind === 'placement');
    if (q.kind === 'choice' || q.kind === 'scenario' || q.kind === 'truefalse') {
      (q.options || []).forEach((o, slot) => {
        const b = document.createElement('button');
        b.type = 'button'; b.className = 'big'; b.dataset.i = o.i;
        const k = document.createElement('span');
        k.className = 'key';
        k.textContent = q.kind === 'truefalse' ? '' : String.fromCharCode(65 + slot) + '.';
        b.appendChild(k);
        b.appendChild(document.createTextNode(' ' + o.text));
        b.addEventListener('click', () => { b.classList.add('chosen'); send({ choice: o.i }); });
        opts.appendChild(b);
      });
    } else if (q.kind === 'tightness') {
      const g = $('q-tight');
      g.textContent = '';
      for (let v = 0; v <= 10; v++) {
        const b = document.createElement('button');
        b.type = 'button'; b.textContent = String(v); b.dataset.v = v;
        b.addEventListener('click', () => {
          picked = { value: v };
          g.querySelectorAll('button').forEach((x) => x.classList.toggle('chosen', x === b));
          $('send').disabled = false;
        });
        g.appendChild(b);
      }
    } else if (q.kind === 'ordering') {
      picked = { order: (q.options || []).map((o) => o.i) };
      drawOrder(q);
    } else if (q.kind === 'placement') {
      setView(view);
      show('marker', false);
      show('right-marker', false);
      text('place-hint', q.muscle ? 'Tap where the band goes for the ' + q.muscle : 'Tap where the band goes');
    }
  }

  function drawOrder(q) {
    const box = $('q-order');
    box.textContent = '';
    const textOf = {};
    (q.options || []).forEach((o) => { textOf[o.i] = o.text; });
    picked.order.forEach((i, pos) => {
      const row = document.createElement('div');
      row.className = 'step';
      const n = document.createElement('b'); n.textContent = String(pos + 1);
      const t = document.createElement('span'); t.textContent = textOf[i];
      const up = document.createElement('button'); up.type = 'button'; up.textContent = '↑';
      up.setAttribute('aria-label', 'Move up');
      const down = document.createElement('button'); down.type = 'button'; down.textContent = '↓';
      down.setAttribute('aria-label', 'Move down');
      up.disabled = pos === 0 || sent; down.disabled = pos === picked.order.length - 1 || sent;
      up.addEventListener('click', () => { swap(pos, pos - 1); drawOrder(q); });
      down.addEventListener('click', () => { swap(pos, pos + 1); drawOrder(q); });
      row.append(n, t, up, down);
      box.appendChild(row);
    });
    $('send').disabled = sent;
  }
  function swap(a, b) { const o = picked.order; [o[a], o[b]] = [o[b], o[a]]; }

  function setView(v) {
    view = v;
    $('figure-img').src = '/figure-' + v + '.png';
    text('flip', v === 'front' ? 'Show back' : 'Show front');
    show('marker', !!(picked && picked.view === v && picked.x !== undefined));
  }
  $('flip').addEventListener('click', () => setView(view === 'front' ? 'back' : 'front'));
  $('figure-img').addEventListener('click', (ev) => {
    if (sent || !state || !state.quiz || state.quiz.state !== 'ask') return;
    const r = ev.currentTarget.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width));
    const y = Math.min(1, Math.max(0, (ev.clientY - r.top) / r.height));
    picked = { x, y, view };
    const m = $('marker');
    m.style.left = (x * 100) + '%'; m.style.top = (y * 100) + '%';
    show('marker', true);
    $('send').disabled = false;
  });
  $('nowhere').addEventListener('click', () => send({ nowhere: true }));
  $('send').addEventListener('click', () => { if (picked) send(picked); });

  async function send(answer) {
    if (sent || !state || !state.quiz) return;
    sent = true;
    document.querySelectorAll('#quiz button').forEach((b) => { b.disabled = true; });
    text('q-status', 'Sending…');
    try {
      const r = await api('/api/answer', Object.assign({ seq }, answer));
      if (r.status === 200) text('q-status', 'Answer sent. Watch the big screen.');
      else if (r.status === 401) forget('The room was restarted: join again.');
      else { text('q-status', r.data.error || ('Refused (' + r.status + ')')); if (r.status === 400) { sent = false; render(state); } }
    } catch (e) {
      sent = false;
      text('q-status', 'Not sent: cannot reach the game. Try again.');
      render(state);
    }
  }

  function renderBoard(board) {
    show('board', board.length > 0);
    const ol = $('board-list');
    ol.textContent = '';
    board.forEach((b) => {
      const li = document.createElement('li');
      if (b.you) li.className = 'you';
      const pts = document.createElement('span'); pts.className = 'pts'; pts.textContent = String(b.points);
      li.appendChild(pts);
      li.appendChild(document.createTextNode(b.name));
      ol.appendChild(li);
    });
  }

  // ---------------- group session ----------------
  function renderSession(s) {
    show('quiz', false); show('board', false);
    const mine = s.lane;
    if (!mine) {
      show('lane', false);
      const lanes = s.lanes || [];
      show('wait', lanes.length === 0); show('lanes', lanes.length > 0);
      text('wait-title', 'Waiting for the session');
      text('wait-text', 'The trainer has not set up the lanes yet.');
      const list = $('lane-list');
      list.textContent = '';
      lanes.forEach((l) => {
        const b = document.createElement('button');
        b.type = 'button'; b.className = 'big';
        b.textContent = 'Lane ' + (l.i + 1) + (l.name ? ': ' + l.name : '') + (l.free ? '' : ' (taken)');
        b.disabled = !l.free;
        b.addEventListener('click', async () => {
          const r = await api('/api/lane', { lane: l.i });
          if (r.status !== 200) text('conn', r.data.error || 'Refused');
        });
        list.appendChild(b);
      });
      return;
    }
    show('wait', false); show('lanes', false); show('lane', true);
    text('l-name', 'Lane ' + (mine.i + 1) + (mine.name ? ' · ' + mine.name : ''));
    text('l-set', mine.sets ? 'Set ' + mine.set + ' of ' + mine.sets : '');
    text('l-phase', mine.phase);
    text('l-done', mine.done);
    text('l-target', mine.target > 0 ? mine.target : '∞');
    laneDeadline = mine.seconds_left >= 0 ? Date.now() + mine.seconds_left * 1000 : 0;
    tick();
    text('l-message', mine.message);
    show('l-message', !!mine.message);
    show('tap', !mine.stopped);
    document.querySelector('#lane .stop').classList.toggle('hidden', !!mine.stopped);
  }

  $('tap').addEventListener('click', async () => {
    try {
      const r = await api('/api/tap', {});
      if (r.status === 401) forget('The room was restarted: join again.');
      else if (r.status !== 200) text('conn', r.data.error || 'Refused');
    } catch (e) { text('conn', 'Not counted: cannot reach the game.'); }
  });
  document.querySelectorAll('[data-reason]').forEach((b) => {
    b.addEventListener('click', async () => {
      const r = await api('/api/stop', { reason: b.dataset.reason });
      text('conn', r.status === 200 ? 'Stop sent to the big screen.' : (r.data.error || 'Refused'));
      b.closest('details').open = false;
    });
  });

  $('leave').addEventListener('click', async () => {
    try { await api('/api/leave', {}); } catch (e) { /* leaving anyway */ }
    forget('');
  });

  // ---------------- countdowns ----------------
  function tick() {
    const now = Date.now();
    if (deadline) {
      const left = Math.max(0, Math.ceil((deadline - now) / 1000));
      text('q-time', left + ' s');
      $('q-time').classList.toggle('low', left <= 3);
    }
    if (laneDeadline) text('l-time', Math.max(0, Math.ceil((laneDeadline - now) / 1000)) + ' s');
    else text('l-time', '');
    if (!timer && (deadline || laneDeadline)) timer = setInterval(tick, 250);
    if (timer && !deadline && !laneDeadline) { clearInterval(timer); timer = null; }
  }

  // ---------------- start ----------------
  const fromUrl = new URLSearchParams(location.search).get('code');
  if (fromUrl && /^[0-9]{4}$/.test(fromUrl)) $('code').value = fromUrl;
  if (token) {
    api('/api/state').then((r) => {
      if (r.status === 200) { start(); render(r.data); } else forget('');
    }).catch(() => forget('Cannot reach the game. Are you on the same Wi-Fi?'));
  } else {
    forget('');
  }
}());
