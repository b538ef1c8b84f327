// The risk officer's live view: figures from the /v1/stream WebSocket (decisions, alerts, state
// changes, periodic dashboard ledgers) and from /v1/report and /v1/limits, refreshed periodically;
// the charts start from the server's history (/v1/history) and the stream extends them; the
// decision search reads the audit trail (/v1/decisions).
"use strict";

(function () {
  const TOKEN_KEY = "riskgate.token";
  const REPORT_INTERVAL_MS = 3000;
  const MAX_POINTS = 3000;
  const MAX_FEED = 200;

  const state = {
    token: null,
    role: null,
    socket: null,
    connected: false,
    retryMs: 500,
    retryTimer: null,
    reportTimer: null,
    reportPending: false,
    ledgers: [],
    report: null,
    limits: {},
    approved: 0,
    rejected: 0,
    history: { scope: "firm", x: [], equity: [], drawdown: [], dailyPnl: [], exposure: [], fromHistory: 0, loading: null },
    search: { params: null, cursor: null, rows: [] },
    positions: [],
    sortKey: "book",
    sortDir: 1,
    stopped: false,
  };
  const charts = { equity: null, drawdown: null, dailyPnl: null, exposure: null };
  const CHECK_CODES = [
    "INVALID_ORDER", "UNKNOWN_INSTRUMENT", "DUPLICATE_ORDER", "KILL_SWITCH", "CIRCUIT_OPEN",
    "TRADING_HALTED", "TRADING_REDUCING", "INSTRUMENT_RESTRICTED", "NO_PRICE", "STALE_PRICE",
    "ORDER_QUANTITY_LIMIT", "ORDER_NOTIONAL_LIMIT", "PRICE_COLLAR", "POSITION_LIMIT", "POSITION_COUNT_LIMIT",
    "LEVERAGE_LIMIT", "CORRELATION_LIMIT", "LIQUIDITY_LIMIT", "DAILY_LOSS_LIMIT", "STRATEGY_DRAWDOWN_LIMIT",
    "PORTFOLIO_DRAWDOWN_LIMIT", "ORDER_RATE_LIMIT", "OPEN_ORDER_LIMIT"
  ];

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === "class") e.className = v;
        else if (k === "dataset") Object.assign(e.dataset, v);
        else e.setAttribute(k, v);
      }
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function num(v) {
    if (v === null || v === undefined || v === "") return NaN;
    return typeof v === "number" ? v : parseFloat(v);
  }
  function money(v) {
    const n = num(v);
    return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 0 }) : "—";
  }
  function price(v) {
    const n = num(v);
    return Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: 4 }) : "—";
  }
  function pct(v, digits = 2) {
    const n = num(v);
    return Number.isFinite(n) ? (n * 100).toFixed(digits) + "%" : "—";
  }
  function fixed(v, digits = 2) {
    const n = num(v);
    return Number.isFinite(n) ? n.toFixed(digits) : "—";
  }
  function age(seconds) {
    const s = num(seconds);
    if (!Number.isFinite(s)) return "—";
    if (s < 120) return Math.round(s) + " s";
    if (s < 7200) return Math.round(s / 60) + " min";
    if (s < 172800) return (s / 3600).toFixed(1) + " h";
    return (s / 86400).toFixed(1) + " d";
  }
  function pill(text, cls) {
    return el("span", { class: "pill " + (cls || text) }, text);
  }
  function bar(fraction) {
    const f = Math.max(0, Math.min(1, fraction));
    const b = el("div", { class: "bar" + (fraction > 1 ? " breach" : fraction > 0.8 ? " warn" : "") });
    const fill = el("span");
    fill.style.width = (f * 100).toFixed(1) + "%";
    b.append(fill);
    return b;
  }
  function limitOf(scope, name) {
    const set = state.limits[scope];
    return set && set[name] !== undefined ? num(set[name]) : NaN;
  }
  function setText(id, text) {
    $(id).textContent = text;
  }

  // ------------------------------------------------------------------ HTTP

  async function api(method, path, body) {
    const init = { method, headers: { Authorization: "Bearer " + state.token } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const detail = json && json.detail ? json.detail : response.status + " " + response.statusText;
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function showError(message) {
    const b = $("banner-error");
    b.textContent = message;
    b.hidden = !message;
  }

  // ------------------------------------------------------------------ sign-in

  function tokenFromFragment() {
    const hash = window.location.hash.replace(/^#/, "");
    for (const part of hash.split("&")) {
      const [k, v] = part.split("=");
      if (k === "token" && v) return decodeURIComponent(v);
    }
    return null;
  }

  async function signIn(token) {
    state.token = token;
    try {
      const me = await api("GET", "/v1/me");
      state.role = me.role;
      sessionStorage.setItem(TOKEN_KEY, token);
      document.body.classList.remove("role-risk", "role-viewer", "role-trader");
      document.body.classList.add("role-" + me.role);
      setText("who", me.name + " (" + me.role + ")");
      $("login").hidden = true;
      $("app").hidden = false;
      $("logout").hidden = false;
      $("login-error").hidden = true;
      state.stopped = false;
      setupCharts();
      loadHistory(state.history.scope);
      connect();
      refreshReport();
      state.reportTimer = setInterval(refreshReport, REPORT_INTERVAL_MS);
      return true;
    } catch (e) {
      state.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      const msg = e.status === 401 ? "This token is not valid." : "Cannot sign in: " + e.message;
      $("login-error").textContent = msg;
      $("login-error").hidden = false;
      $("login").hidden = false;
      $("app").hidden = true;
      return false;
    }
  }

  function signOut() {
    state.stopped = true;
    sessionStorage.removeItem(TOKEN_KEY);
    clearInterval(state.reportTimer);
    clearTimeout(state.retryTimer);
    if (state.socket) state.socket.close();
    window.location.hash = "";
    window.location.reload();
  }

  // ------------------------------------------------------------------ stream

  function connect() {
    if (state.stopped) return;
    const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    const url =
      scheme + window.location.host + "/v1/stream?access_token=" + encodeURIComponent(state.token);
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      scheduleReconnect();
      return;
    }
    state.socket = socket;
    socket.onopen = () => {
      state.connected = true;
      state.retryMs = 500;
      $("banner-disconnected").hidden = true;
      const s = $("conn-status");
      s.textContent = "live";
      s.className = "conn-up";
      refreshReport();
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      onMessage(message);
    };
    socket.onclose = () => {
      if (state.socket === socket) {
        state.connected = false;
        scheduleReconnect();
      }
    };
    socket.onerror = () => socket.close();
  }

  function scheduleReconnect() {
    if (state.stopped) return;
    const s = $("conn-status");
    s.textContent = "disconnected";
    s.className = "conn-down";
    $("banner-disconnected").hidden = false;
    const delay = state.retryMs;
    setText("reconnect-info", "Reconnecting in " + (delay / 1000).toFixed(1) + " s…");
    state.retryMs = Math.min(state.retryMs * 2, 15000);
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, delay);
  }

  function onMessage(m) {
    switch (m.type) {
      case "dashboard":
        onDashboard(m);
        break;
      case "decision":
        onDecision(m);
        break;
      case "alert":
        addAlert(m);
        break;
      case "state":
        addStateChange(m);
        scheduleReport();
        break;
      case "action":
        addFeed(
          $("alerts"),
          m.ts,
          "level-HIGH",
          "action " + m.action + " " + m.scope + " " + m.symbol + " " + m.side + " " + m.quantity + " — " + m.reason
        );
        break;
      default:
        break;
    }
  }

  function addFeed(list, ts, cls, text) {
    const li = el("li", { class: cls }, el("span", { class: "when" }, ts ? ts.replace("T", " ").replace("Z", "") : ""), text);
    list.prepend(li);
    while (list.children.length > MAX_FEED) list.lastChild.remove();
    return li;
  }

  function addAlert(a) {
    const text =
      (a.raised === false ? "cleared " : "") + a.level + " " + a.code + " " + a.scope + ": " + a.message +
      (a.action ? " → " + a.action : "");
    const li = addFeed($("alerts"), a.ts, "alert level-" + a.level + (a.raised === false ? " cleared" : ""), text);
    li.dataset.code = a.code;
  }

  function addStateChange(s) {
    const level = s.to === "KILLED" || s.to === "OPEN" || s.to === "HALTED" ? "HIGH" : "INFO";
    const li = addFeed(
      $("alerts"),
      s.ts,
      "state level-" + level,
      s.kind + " " + s.scope + ": " + s.from + " → " + s.to + (s.reason ? " (" + s.reason + ")" : "")
    );
    li.dataset.kind = s.kind;
  }

  function onDecision(d) {
    if (d.approved) state.approved++;
    else state.rejected++;
    setText("counter-approved", state.approved);
    setText("counter-rejected", state.rejected);
    addFeed(
      $("decisions"),
      d.ts,
      d.approved ? "approved" : "rejected",
      d.orderId + " " + (d.approved ? "approved" : "rejected " + d.rejectedBy) + (d.riskReducing ? " (risk-reducing)" : "")
    );
    scheduleReport();
  }

  function onDashboard(m) {
    state.ledgers = m.ledgers || [];
    if (m.ts) setText("engine-time", m.ts.replace("T", " ").replace("Z", " UTC"));
    const ledger = state.ledgers.find((l) => l.scope === state.history.scope);
    if (ledger && m.ts) {
      addPoint(Date.parse(m.ts) / 1000, ledger);
      drawCharts();
    }
    renderHistoryScopes();
    renderLedgerFigures();
  }

  // ------------------------------------------------------------------ history

  /** Appends a point (or updates the last one at the same engine time), keeping MAX_POINTS. */
  function addPoint(x, p) {
    const h = state.history;
    const n = h.x.length;
    const values = [num(p.equity), num(p.drawdown) * 100, num(p.dailyPnl), num(p.grossExposure)];
    if (n > 0 && x <= h.x[n - 1]) {
      if (x < h.x[n - 1]) return;
      h.equity[n - 1] = values[0];
      h.drawdown[n - 1] = values[1];
      h.dailyPnl[n - 1] = values[2];
      h.exposure[n - 1] = values[3];
      return;
    }
    h.x.push(x);
    h.equity.push(values[0]);
    h.drawdown.push(values[1]);
    h.dailyPnl.push(values[2]);
    h.exposure.push(values[3]);
    if (h.x.length > MAX_POINTS) {
      for (const k of ["x", "equity", "drawdown", "dailyPnl", "exposure"]) h[k].shift();
      h.fromHistory = Math.max(0, h.fromHistory - 1);
    }
  }

  /**
   * Draws the scope's history from the server (GET /v1/history), then the points the stream
   * brought meanwhile that are newer than its last sample; the stream extends it from then on.
   */
  async function loadHistory(scope) {
    const h = state.history;
    const ticket = {};
    h.loading = ticket;
    let answer;
    try {
      answer = await api("GET", "/v1/history?scope=" + encodeURIComponent(scope) + "&points=" + MAX_POINTS);
    } catch (e) {
      if (h.loading === ticket) {
        h.loading = null;
        setText("history-info", "no history: " + e.message);
      }
      return;
    }
    if (h.loading !== ticket || h.scope !== scope) return;
    h.loading = null;
    const live = { x: h.x, equity: h.equity, drawdown: h.drawdown, dailyPnl: h.dailyPnl, exposure: h.exposure };
    for (const k of ["x", "equity", "drawdown", "dailyPnl", "exposure"]) h[k] = [];
    const series = (answer.series || []).find((s) => s.scope === scope);
    const points = series ? series.points : [];
    for (const p of points) addPoint(Date.parse(p.ts) / 1000, p);
    h.fromHistory = h.x.length;
    for (let i = 0; i < live.x.length; i++) {
      addPoint(live.x[i], {
        equity: live.equity[i],
        drawdown: live.drawdown[i] / 100,
        dailyPnl: live.dailyPnl[i],
        grossExposure: live.exposure[i],
      });
    }
    setText(
      "history-info",
      points.length
        ? points.length + " samples from " + points[0].ts.replace("T", " ").replace("Z", " UTC") + ", then live"
        : "no history yet; live from now"
    );
    drawCharts();
  }

  function selectHistoryScope(scope) {
    const h = state.history;
    h.scope = scope;
    for (const k of ["x", "equity", "drawdown", "dailyPnl", "exposure"]) h[k] = [];
    h.fromHistory = 0;
    for (const e of document.querySelectorAll(".history-scope-name")) e.textContent = scope;
    drawCharts();
    loadHistory(scope);
  }

  let historyScopesShown = "";

  function renderHistoryScopes() {
    const scopes = state.ledgers.map((l) => l.scope);
    const shown = scopes.join("\n");
    if (shown === historyScopesShown || scopes.length === 0) return;
    historyScopesShown = shown;
    const select = $("history-scope");
    select.replaceChildren(...scopes.map((s) => el("option", { value: s }, s)));
    select.value = state.history.scope;
  }

  // ------------------------------------------------------------------ periodic report

  function scheduleReport() {
    if (state.reportPending) return;
    state.reportPending = true;
    setTimeout(() => {
      state.reportPending = false;
      refreshReport();
    }, 700);
  }

  async function refreshReport() {
    if (!state.token) return;
    try {
      const [report, limits] = await Promise.all([api("GET", "/v1/report"), api("GET", "/v1/limits")]);
      state.report = report;
      state.limits = limits || {};
      if (report.ledgers) state.ledgers = report.ledgers;
      renderHistoryScopes();
      renderLedgerFigures();
      renderReport();
    } catch (e) {
      if (e.status === 401) signOut();
    }
  }

  // ------------------------------------------------------------------ rendering

  function accountLedgers() {
    return state.ledgers.filter((l) => l.scope.startsWith("account:"));
  }

  function renderLedgerFigures() {
    const firm = state.ledgers.find((l) => l.scope === "firm");
    if (!firm) return;
    setText("firm-equity", money(firm.equity));
    setText("firm-hwm", money(firm.highWaterMark));
    const daily = num(firm.dailyPnl);
    const dp = $("daily-pnl");
    dp.textContent = money(daily);
    dp.className = "big " + (daily < 0 ? "bad" : "ok");
    setText("drawdown", pct(firm.drawdown));
    const ddLimits = accountLedgers().map((l) => limitOf(l.scope, "maxPortfolioDrawdown")).filter(Number.isFinite);
    setText("drawdown-limit", ddLimits.length ? pct(Math.min(...ddLimits), 0) : "—");

    const box = $("daily-loss");
    box.replaceChildren();
    for (const l of accountLedgers()) {
      const limit = limitOf(l.scope, "maxDailyLoss");
      const dailyPnl = num(l.dailyPnl);
      const startEquity = num(l.equity) - dailyPnl;
      if (!Number.isFinite(limit)) {
        box.append(el("div", { class: "sub" }, l.scope + ": no daily loss limit"));
        continue;
      }
      const lossLimit = limit * startEquity;
      const used = dailyPnl < 0 ? -dailyPnl / lossLimit : 0;
      box.append(
        el("div", { class: "sub" }, l.scope + ": loss " + money(Math.max(0, -dailyPnl)) + " of " + money(lossLimit)),
        bar(used)
      );
    }
    renderScopes();
    renderCurrencies();
  }

  /** Cash, positions and net per currency of the firm and each account, once a second currency exists. */
  function renderCurrencies() {
    const rows = state.ledgers.flatMap((l) => (l.currencies || []).map((c) => [l.scope, c]));
    $("currencies-panel").hidden = rows.length === 0;
    const tbody = $("currencies").tBodies[0];
    tbody.replaceChildren(
      ...rows.map(([scope, c]) =>
        el(
          "tr",
          { dataset: { scope, currency: c.currency } },
          el("td", null, scope),
          el("td", null, c.currency),
          el("td", { class: "num" }, money(c.cash)),
          el("td", { class: "num" }, money(c.positions)),
          el("td", { class: "num" + (num(c.net) < 0 ? " bad" : "") }, money(c.net)),
          el("td", { class: "num" }, money(c.netInAccountCurrency))
        )
      )
    );
  }

  let scopesShown = "";

  function renderScopes() {
    const shown = JSON.stringify([state.role, state.ledgers]);
    if (shown === scopesShown) return;
    scopesShown = shown;
    const tbody = $("scopes").tBodies[0];
    tbody.replaceChildren();
    const risk = state.role === "risk";
    for (const l of state.ledgers) {
      const row = el(
        "tr",
        { dataset: { scope: l.scope } },
        el("td", null, l.scope),
        el("td", { class: "trading" }, pill(l.state)),
        el("td", { class: "breaker" }, pill(l.breaker || "—")),
        el("td", { class: "kill" }, l.killed ? pill("KILLED") : pill("armed")),
        el("td", { class: "num" }, money(l.equity)),
        el("td", { class: "num" + (num(l.dailyPnl) < 0 ? " bad" : "") }, money(l.dailyPnl)),
        el("td", { class: "num" }, pct(l.drawdown)),
        el("td", { class: "num" }, money(l.grossExposure)),
        el("td", { class: "num" }, l.openOrders),
        el("td", { class: "num" }, l.openPositions)
      );
      const controls = el("td", { class: "controls risk-only" });
      const add = (action, label, enabled, cls) => {
        const b = el("button", { type: "button", class: "act " + (cls || ""), dataset: { action, scope: l.scope } }, label);
        b.disabled = !risk || !enabled;
        controls.append(b);
      };
      add("halt", "Halt", l.state !== "HALTED");
      add("reduce", "Reduce", l.state !== "REDUCING");
      add("resume", "Resume", l.state !== "ACTIVE");
      add("reset", "Reset breaker", l.breaker && l.breaker !== "CLOSED");
      if (l.killed) add("rearm", "Re-arm", true);
      else add("kill", "Kill", true, "danger");
      row.append(controls);
      tbody.append(row);
    }
  }

  function renderReport() {
    const r = state.report && state.report.risk;
    if (!r) return;
    const firm = (r.portfolios || []).find((p) => p.scope === "firm") || (r.portfolios || [])[0];
    if (firm) {
      const level = $("risk-level");
      level.replaceChildren(pill(firm.riskLevel));
      setText("leverage", fixed(firm.leverage) + "×");
      const levLimits = accountLedgers().map((l) => limitOf(l.scope, "maxLeverage")).filter(Number.isFinite);
      setText("leverage-limit", levLimits.length ? Math.min(...levLimits) + "×" : "—");
      const v = firm.valueAtRisk || {};
      setText("var95", money(v.historical95));
      setText("cvar95", money(v.historicalCvar95));
      setText("var99", money(v.historical99));
    }
    setText("position-count", r.positionSummary ? r.positionSummary.total : "—");
    state.positions = (r.positions || []).map((p) => Object.assign({ book: p.account + "/" + p.strategy }, p));
    renderPositions();
    renderExposures(r);
    renderStrategies(r);
    renderVar(r);
    renderCorrelation(r.correlation);
  }

  function renderPositions() {
    const key = state.sortKey;
    const dir = state.sortDir;
    const rows = state.positions.slice().sort((a, b) => {
      const x = a[key];
      const y = b[key];
      if (typeof x === "number" && typeof y === "number") return (x - y) * dir;
      return String(x).localeCompare(String(y)) * dir;
    });
    const tbody = $("positions").tBodies[0];
    tbody.replaceChildren();
    for (const p of rows) {
      tbody.append(
        el(
          "tr",
          null,
          el("td", null, p.book),
          el("td", null, p.symbol),
          el("td", { class: p.side === "long" ? "ok" : "bad" }, p.side),
          el("td", { class: "num" }, price(p.quantity)),
          el("td", { class: "num" }, price(p.averageEntryPrice)),
          el("td", { class: "num" }, price(p.markPrice)),
          el("td", { class: "num " + (p.unrealizedPnl < 0 ? "bad" : "ok") }, money(p.unrealizedPnl)),
          el("td", { class: "num" }, age(p.ageSeconds))
        )
      );
    }
    if (rows.length === 0) tbody.append(el("tr", null, el("td", { colspan: "8", class: "muted" }, "no open positions")));
    for (const th of $("positions").tHead.rows[0].cells) {
      th.classList.toggle("asc", th.dataset.key === key && dir > 0);
      th.classList.toggle("desc", th.dataset.key === key && dir < 0);
    }
  }

  // The tightest position limit behind a row of the exposure table, as the server computes it
  // (report.headroom: each scope's limit, usage and room per held instrument; nothing is computed
  // here): the largest share used of any scope's limit in that instrument, or in that strategy's
  // instruments. Null when no scope sets a position limit there.
  function tightestHeadroom(group, name) {
    const rows = (state.report && state.report.headroom) || [];
    let worst = null;
    for (const h of rows) {
      if (h.limit === null || h.limit === undefined) continue;
      if (group === "instrument" && h.instrument !== name) continue;
      if (group === "strategy" && h.scope !== "strategy:" + name) continue;
      if (group !== "instrument" && group !== "strategy") continue;
      const share = h.limit > 0 ? num(h.used) / num(h.limit) : Infinity;
      if (!worst || share > worst.share) worst = { share, row: h };
    }
    return worst;
  }

  function headroomCell(tight) {
    if (!tight) return el("span", { class: "muted" }, "—");
    const h = tight.row;
    const b = bar(tight.share);
    b.setAttribute(
      "title",
      h.scope + (h.account ? " (account " + h.account + ")" : "") + " in " + h.instrument +
        ": " + money(h.used) + " of " + money(h.limit) + ", headroom " + money(h.headroom) +
        "; room buy " + fixed(h.buyRoom, 3) + ", sell " + fixed(h.sellRoom, 3)
    );
    b.dataset.scope = h.scope;
    b.dataset.headroom = String(h.headroom);
    return b;
  }

  function renderExposures(r) {
    for (const group of ["instrument", "strategy", "sector"]) {
      const table = $("exp-" + group);
      table.replaceChildren();
      table.append(
        el("thead", null, el("tr", null, el("th", null, group), el("th", { class: "num" }, "gross"), el("th", { class: "num" }, "net"), el("th", null, "of limit")))
      );
      const body = el("tbody");
      const values = (r.exposures && r.exposures[group]) || {};
      const names = Object.keys(values);
      for (const name of names) {
        const e = values[name];
        const tight = tightestHeadroom(group, name);
        body.append(
          el(
            "tr",
            null,
            el("td", null, name),
            el("td", { class: "num" }, money(e.gross)),
            el("td", { class: "num" + (e.net < 0 ? " bad" : "") }, money(e.net)),
            el("td", null, headroomCell(tight))
          )
        );
      }
      if (names.length === 0) body.append(el("tr", null, el("td", { colspan: "4", class: "muted" }, "no exposure")));
      table.append(body);
    }
  }

  function renderStrategies(r) {
    const tbody = $("strategies").tBodies[0];
    tbody.replaceChildren();
    for (const s of r.strategies || []) {
      tbody.append(
        el(
          "tr",
          null,
          el("td", null, s.strategy),
          el("td", null, pill(s.state)),
          el("td", { class: "num" }, money(s.equity)),
          el("td", { class: "num" + (s.dailyPnl < 0 ? " bad" : "") }, money(s.dailyPnl)),
          el("td", { class: "num" }, pct(s.drawdown) + " / " + pct(s.drawdownLimit, 0)),
          el("td", { class: "num" }, s.tradeCount),
          el("td", { class: "num" }, pct(s.winRate, 0)),
          el("td", { class: "num" }, fixed(s.profitFactor)),
          el("td", { class: "num" }, money(s.expectancy))
        )
      );
    }
  }

  function renderVar(r) {
    const tbody = $("var-table").tBodies[0];
    tbody.replaceChildren();
    for (const p of r.portfolios || []) {
      const v = p.valueAtRisk || {};
      tbody.append(
        el(
          "tr",
          null,
          el("td", null, p.scope),
          el("td", { class: "num" }, v.scenarios === undefined ? "—" : v.scenarios),
          el("td", { class: "num" }, money(v.historical95)),
          el("td", { class: "num" }, money(v.historicalCvar95)),
          el("td", { class: "num" }, money(v.historical99)),
          el("td", { class: "num" }, money(v.parametric95)),
          el("td", { class: "num" }, money(v.ewma95))
        )
      );
    }
  }

  function heat(c) {
    if (!Number.isFinite(c)) return "#f1f5f9";
    const a = Math.min(1, Math.abs(c));
    return c >= 0 ? "rgba(180, 35, 24, " + a.toFixed(2) + ")" : "rgba(23, 92, 211, " + a.toFixed(2) + ")";
  }

  function renderCorrelation(m) {
    const box = $("correlation");
    if (!m || !m.symbols || m.symbols.length === 0) {
      box.replaceChildren(el("p", { class: "muted" }, "no held instruments with enough history"));
      return;
    }
    const table = el("table", { class: "heat" });
    table.append(el("thead", null, el("tr", null, el("th"), ...m.symbols.map((s) => el("th", null, s)))));
    const body = el("tbody");
    m.symbols.forEach((s, i) => {
      const row = el("tr", null, el("th", null, s));
      m.symbols.forEach((_, j) => {
        const c = m.values[i][j];
        const cell = el("td", { title: s + " / " + m.symbols[j] }, Number.isFinite(c) ? c.toFixed(2) : "—");
        cell.style.background = heat(c);
        if (Number.isFinite(c) && Math.abs(c) > 0.6) cell.style.color = "#fff";
        row.append(cell);
      });
      body.append(row);
    });
    table.append(body);
    box.replaceChildren(table);
  }

  // ------------------------------------------------------------------ charts

  function chartWidth(id) {
    return Math.max(300, $(id).clientWidth || 500);
  }

  function lineChart(id, label, stroke, fill, format, scale) {
    const opts = {
      width: chartWidth(id),
      height: 200,
      series: [{}, { label, stroke, fill, width: 2, value: (u, v) => (v === null || v === undefined ? "—" : format(v)) }],
      axes: [{}, { size: 90, values: (u, vals) => vals.map((v) => format(v)) }],
      legend: { show: true },
    };
    if (scale) opts.scales = { y: { range: scale } };
    return new uPlot(opts, [[], []], $(id));
  }

  function setupCharts() {
    if (typeof uPlot === "undefined" || charts.equity) return;
    const pctText = (v) => v.toFixed(2) + "%";
    charts.equity = lineChart("chart-equity", "equity", "#175cd3", undefined, money);
    charts.drawdown = lineChart("chart-drawdown", "drawdown %", "#b42318", "rgba(180,35,24,0.15)", pctText, (u, min, max) => [0, Math.max(1, max * 1.1)]);
    charts.dailyPnl = lineChart("chart-daily-pnl", "daily PnL", "#177245", "rgba(23,114,69,0.12)", money);
    charts.exposure = lineChart("chart-exposure", "gross exposure", "#b54708", "rgba(181,71,8,0.12)", money, (u, min, max) => [0, Math.max(1, max * 1.1)]);
    window.addEventListener("resize", () => {
      charts.equity.setSize({ width: chartWidth("chart-equity"), height: 200 });
      charts.drawdown.setSize({ width: chartWidth("chart-drawdown"), height: 200 });
      charts.dailyPnl.setSize({ width: chartWidth("chart-daily-pnl"), height: 200 });
      charts.exposure.setSize({ width: chartWidth("chart-exposure"), height: 200 });
    });
  }

  function drawCharts() {
    const h = state.history;
    const box = $("charts");
    box.dataset.historyPoints = String(h.fromHistory);
    box.dataset.points = String(h.x.length);
    box.dataset.scope = h.scope;
    if (!charts.equity) return;
    charts.equity.setData([h.x, h.equity]);
    charts.drawdown.setData([h.x, h.drawdown]);
    charts.dailyPnl.setData([h.x, h.dailyPnl]);
    charts.exposure.setData([h.x, h.exposure]);
  }

  // ------------------------------------------------------------------ decision search

  const SEARCH_FIELDS = {
    orderId: "search-order",
    strategy: "search-strategy",
    account: "search-account",
    code: "search-code",
    approved: "search-approved",
    from: "search-from",
    to: "search-to",
  };

  async function search(more) {
    const s = state.search;
    if (!more) {
      const params = new URLSearchParams();
      for (const [name, id] of Object.entries(SEARCH_FIELDS)) {
        const v = $(id).value.trim();
        if (v) params.set(name, v);
      }
      params.set("limit", "50");
      s.params = params;
      s.cursor = null;
      s.rows = [];
      $("search-results").tBodies[0].replaceChildren();
      $("decision-detail").replaceChildren(el("p", { class: "muted" }, "Pick a decision to see every check."));
    }
    const params = new URLSearchParams(s.params);
    if (more && s.cursor) params.set("cursor", s.cursor);
    const error = $("search-error");
    try {
      const page = await api("GET", "/v1/decisions?" + params.toString());
      error.hidden = true;
      for (const d of page.decisions) addSearchRow(d);
      s.cursor = page.nextCursor;
      $("search-more").hidden = !s.cursor;
      setText(
        "search-summary",
        s.rows.length === 0 ? "no decision matches" : s.rows.length + " decision" + (s.rows.length === 1 ? "" : "s") + (s.cursor ? " so far" : "")
      );
      if (!more && s.rows.length === 1) showDecision(0);
    } catch (e) {
      error.textContent = "Search refused: " + e.message;
      error.hidden = false;
      setText("search-summary", "");
      $("search-more").hidden = true;
    }
  }

  function orderText(d) {
    if (!d.symbol) return "—";
    return d.side + " " + d.quantity + " " + d.symbol + (d.price ? " @ " + d.price : " at market");
  }

  function addSearchRow(d) {
    const s = state.search;
    const index = s.rows.length;
    s.rows.push(d);
    $("search-results").tBodies[0].append(
      el(
        "tr",
        { dataset: { index: String(index), orderId: d.orderId } },
        el("td", null, d.ts.replace("T", " ").replace("Z", "")),
        el("td", null, d.orderId),
        el("td", null, (d.account || "—") + " / " + (d.strategy || "—")),
        el("td", null, orderText(d)),
        el("td", { class: d.approved ? "ok" : "bad" }, d.approved ? "approved" : "rejected " + (d.rejectedBy || ""))
      )
    );
  }

  function checkNumber(v) {
    if (v === null || v === undefined) return "—";
    return Math.abs(v) >= 1000 ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(Number(v.toPrecision(8)));
  }

  function showDecision(index) {
    const d = state.search.rows[index];
    if (!d) return;
    for (const tr of $("search-results").tBodies[0].rows) tr.classList.toggle("selected", tr.dataset.index === String(index));
    const table = el(
      "table",
      { id: "decision-checks" },
      el("thead", null, el("tr", null, el("th", null, "check"), el("th", null, "result"), el("th", { class: "num" }, "value"), el("th", { class: "num" }, "limit"), el("th", null, "scope"), el("th", null, "reason")))
    );
    const body = el("tbody");
    for (const c of d.checks) {
      body.append(
        el(
          "tr",
          { class: c.passed ? "" : "failed", dataset: { code: c.code } },
          el("td", null, c.code),
          el("td", { class: c.passed ? "ok" : "bad" }, c.passed ? "passed" : "failed"),
          el("td", { class: "num value" }, checkNumber(c.value)),
          el("td", { class: "num limit" }, checkNumber(c.limit)),
          el("td", null, c.scope || "—"),
          el("td", null, c.reason || "")
        )
      );
    }
    table.append(body);
    $("decision-detail").replaceChildren(
      el("h3", { id: "decision-title" }, d.orderId + " — " + (d.approved ? "approved" : "rejected by " + d.rejectedBy)),
      el(
        "p",
        { class: "sub" },
        d.ts.replace("T", " ").replace("Z", " UTC") + " · " + (d.account || "—") + " / " + (d.strategy || "—") + " · " + orderText(d) +
          " · sent by " + d.by + " · journal sequence " + d.sequence + (d.riskReducing ? " · risk-reducing" : "")
      ),
      table
    );
  }

  // ------------------------------------------------------------------ controls

  let pendingConfirm = null;

  function confirmAction(title, text, run) {
    setText("confirm-title", title);
    setText("confirm-text", text);
    pendingConfirm = run;
    $("confirm").hidden = false;
  }

  async function perform(action, scope) {
    const calls = {
      halt: () => api("POST", "/v1/trading-state", { scope, state: "halted" }),
      reduce: () => api("POST", "/v1/trading-state", { scope, state: "reducing" }),
      resume: () => api("POST", "/v1/trading-state", { scope, state: "active" }),
      reset: () => api("POST", "/v1/breakers/reset", { scope }),
      kill: () => api("POST", "/v1/kill", { scope }),
      rearm: () => api("POST", "/v1/rearm", { scope }),
    };
    try {
      await calls[action]();
      showError("");
    } catch (e) {
      showError(action + " " + scope + " refused: " + e.message);
    }
    refreshReport();
  }

  function onControl(event) {
    const b = event.target.closest("button.act");
    if (!b || b.disabled) return;
    const action = b.dataset.action;
    const scope = b.dataset.scope;
    if (action === "kill") {
      confirmAction(
        "Kill switch: " + scope,
        "This cancels every open order and flattens every position in " + scope +
          ", and blocks all trading there until someone re-arms it. Continue?",
        () => perform("kill", scope)
      );
    } else {
      perform(action, scope);
    }
  }

  // ------------------------------------------------------------------ start

  function start() {
    $("login-form").addEventListener("submit", (e) => {
      e.preventDefault();
      signIn($("token").value.trim());
    });
    $("logout").addEventListener("click", signOut);
    $("history-scope").addEventListener("change", (e) => selectHistoryScope(e.target.value));
    $("check-codes").replaceChildren(...CHECK_CODES.map((c) => el("option", { value: c })));
    $("search-form").addEventListener("submit", (e) => {
      e.preventDefault();
      search(false);
    });
    $("search-more").addEventListener("click", () => search(true));
    $("search-results").tBodies[0].addEventListener("click", (e) => {
      const tr = e.target.closest("tr");
      if (tr && tr.dataset.index !== undefined) showDecision(Number(tr.dataset.index));
    });
    $("scopes").addEventListener("click", onControl);
    $("confirm-cancel").addEventListener("click", () => {
      pendingConfirm = null;
      $("confirm").hidden = true;
    });
    $("confirm-ok").addEventListener("click", () => {
      const run = pendingConfirm;
      pendingConfirm = null;
      $("confirm").hidden = true;
      if (run) run();
    });
    $("positions").tHead.addEventListener("click", (e) => {
      const th = e.target.closest("th");
      if (!th || !th.dataset.key) return;
      if (state.sortKey === th.dataset.key) state.sortDir = -state.sortDir;
      else {
        state.sortKey = th.dataset.key;
        state.sortDir = 1;
      }
      renderPositions();
    });
    const token = tokenFromFragment() || sessionStorage.getItem(TOKEN_KEY);
    if (tokenFromFragment()) {
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    if (token) signIn(token);
    else $("login").hidden = false;
  }

  start();
})();
