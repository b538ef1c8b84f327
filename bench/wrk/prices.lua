-- wrk script: POST /v1/prices, journaled events with the server's fsync policy (keep-alive).
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/wrk/prices.lua http://127.0.0.1:8089
function init(args)
  counter = 0
  headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer bench-trader-token"
  }
end

function request()
  counter = counter + 1
  local bid = 43000 + (counter % 100) / 100
  local body = '{"ts":"2026-11-24T10:00:02Z","symbol":"BTC-USD","bid":"' .. bid ..
      '","ask":"' .. (bid + 1) .. '"}'
  return wrk.format("POST", "/v1/prices", headers, body)
end
