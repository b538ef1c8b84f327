-- wrk script: POST /v1/orders/check with a new order id on every request (keep-alive).
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/wrk/check-order.lua http://127.0.0.1:8089
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("prefix", "w" .. os.time() .. "-" .. thread_id .. "-")
  thread_id = thread_id + 1
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer bench-trader-token"
  }
end

function request()
  counter = counter + 1
  local side = (counter % 2 == 0) and "buy" or "sell"
  local body = '{"ts":"2026-11-24T10:00:01Z","orderId":"' .. prefix .. counter ..
      '","account":"A1","strategy":"S1","symbol":"BTC-USD","side":"' .. side ..
      '","quantity":"0.01","price":"43001"}'
  return wrk.format("POST", "/v1/orders/check", headers, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d status, %d connect, %d read, %d write, %d timeout\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
