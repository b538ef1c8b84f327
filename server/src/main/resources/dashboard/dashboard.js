// The risk officer's live view: figures from the /v1/stream WebSocket (decisions, alerts, state
// changes, periodic dashboard ledgers) and from /v1/report and /v1/limits, refreshed periodically.
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
    equity: { x: [], equity: [], drawdown: [] },
    positions: [],
    sortKey: "book",
    sortDir: 1,
    stopped: false,
  };
  const charts = { equity: null, drawdown: null };

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
    const firm = state.ledgers.find((l) => l.scope === "firm");
    if (firm) {
      const x = m.ts ? Date.parse(m.ts) / 1000 : Date.now() / 1000;
      const eq = state.equity;
      const n = eq.x.length;
      if (n > 0 && x <= eq.x[n - 1]) {
        eq.equity[n - 1] = num(firm.equity);
        eq.drawdown[n - 1] = num(firm.drawdown) * 100;
      } else {
        eq.x.push(x);
        eq.equity.push(num(firm.equity));
        eq.drawdown.push(num(firm.drawdown) * 100);
        if (eq.x.length > MAX_POINTS) {
          eq.x.shift();
          eq.equity.shift();
          eq.drawdown.shift();
        }
      }
      drawCharts();
    }
    renderLedgerFigures();
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

  function exposureLimit(group, name) {
    // The position limit of the accounts (a fraction of account equity) for one instrument;
    // a strategy's own position limit against its equity.
    if (group === "instrument") {
      let total = 0;
      let any = false;
      for (const l of accountLedgers()) {
        const f = limitOf(l.scope, "maxPositionFraction");
        if (Number.isFinite(f)) {
          total += f * num(l.equity);
          any = true;
        }
      }
      return any ? total : NaN;
    }
    if (group === "strategy") {
      const f = limitOf("strategy:" + name, "maxPositionFraction");
      const ledger = state.ledgers.find((l) => l.scope === "strategy:" + name);
      return Number.isFinite(f) && ledger ? f * num(ledger.equity) : NaN;
    }
    return NaN;
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
        const limit = exposureLimit(group, name);
        body.append(
          el(
            "tr",
            null,
            el("td", null, name),
            el("td", { class: "num" }, money(e.gross)),
            el("td", { class: "num" + (e.net < 0 ? " bad" : "") }, money(e.net)),
            el("td", null, Number.isFinite(limit) && limit > 0 ? bar(e.gross / limit) : el("span", { class: "muted" }, "—"))
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

  function setupCharts() {
    if (typeof uPlot === "undefined" || charts.equity) return;
    const eq = state.equity;
    charts.equity = new uPlot(
      {
        width: chartWidth("chart-equity"),
        height: 200,
        series: [{}, { label: "equity", stroke: "#175cd3", width: 2, value: (u, v) => money(v) }],
        axes: [{}, { size: 90, values: (u, vals) => vals.map((v) => money(v)) }],
        legend: { show: true },
      },
      [eq.x, eq.equity],
      $("chart-equity")
    );
    charts.drawdown = new uPlot(
      {
        width: chartWidth("chart-drawdown"),
        height: 200,
        series: [{}, { label: "drawdown %", stroke: "#b42318", fill: "rgba(180,35,24,0.15)", width: 2, value: (u, v) => (v === null ? "—" : v.toFixed(2) + "%") }],
        axes: [{}, { size: 60, values: (u, vals) => vals.map((v) => v.toFixed(1) + "%") }],
        scales: { y: { range: (u, min, max) => [0, Math.max(1, max * 1.1)] } },
      },
      [eq.x, eq.drawdown],
      $("chart-drawdown")
    );
    window.addEventListener("resize", () => {
      charts.equity.setSize({ width: chartWidth("chart-equity"), height: 200 });
      charts.drawdown.setSize({ width: chartWidth("chart-drawdown"), height: 200 });
    });
  }

  function drawCharts() {
    if (!charts.equity) return;
    const eq = state.equity;
    charts.equity.setData([eq.x, eq.equity]);
    charts.drawdown.setData([eq.x, eq.drawdown]);
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
