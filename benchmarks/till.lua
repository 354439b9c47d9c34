-- Redemptions at the till for wrk, driven by benchmarks/till.py:
--
--   wrk -t2 -c32 -d15s --latency -s benchmarks/till.lua URL -- DATA THREADS RUN_TAG PIN
--
-- DATA has one line per till: "<index>\t<device token>\t<card>,<card>,...". Each
-- wrk thread takes the tills whose index modulo THREADS is its own number, one
-- per connection. A till is taken from the thread's free list when a request
-- is made and given back when its answer arrives (the answer echoes the
-- request's X-Correlation-ID, which names the till), so no two requests in
-- flight ever share a till, and with it its shop's clearing account and
-- takings row, nor a card (each card belongs to one till and is used in turn).
-- Each request has an Idempotency-Key of its own. done() prints one line the
-- benchmark parses: the counts, the statuses and the latency percentiles.

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("thread_id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  local data, threads_in_run = args[1], tonumber(args[2])
  run_tag, pin = args[3], args[4]
  tills, free, held = {}, {}, {}
  for line in io.lines(data) do
    local index, token, cards = line:match("^(%d+)\t(%S+)\t(%S+)$")
    index = tonumber(index)
    if index and index % threads_in_run == thread_id then
      local list = {}
      for card in cards:gmatch("[^,]+") do
        list[#list + 1] = card
      end
      tills[index] = { auth = "Bearer " .. token, cards = list, turn = 0 }
      free[#free + 1] = index
    end
  end
  counter, created, recovered = 0, 0, 0
  statuses = {}
  first_refusal = ""
end

-- A till whose answer never came (a timed-out request, or the request wrk
-- builds once to check the script): the one held longest is taken back.
local function longest_held()
  local oldest, oldest_index = nil, nil
  for index, since in pairs(held) do
    if oldest == nil or since < oldest then
      oldest, oldest_index = since, index
    end
  end
  return oldest_index
end

function request()
  local index = table.remove(free)
  if index == nil then
    index = longest_held()
    recovered = recovered + 1
  end
  counter = counter + 1
  held[index] = counter
  local till = tills[index]
  till.turn = till.turn % #till.cards + 1
  local amount = 50 + (counter % 10) * 10
  local body = '{"card_number": "' .. till.cards[till.turn] .. '", "pin": "' .. pin
    .. '", "amount_cents": ' .. amount .. "}"
  return wrk.format("POST", nil, {
    ["Authorization"] = till.auth,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. run_tag .. "-" .. thread_id .. "-" .. counter,
    ["X-Correlation-ID"] = "till" .. index .. "-" .. run_tag .. "-" .. thread_id .. "-" .. counter,
  }, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 201 then
    created = created + 1
  elseif first_refusal == "" then
    first_refusal = status .. " " .. string.sub(body or "", 1, 300)
  end
  local correlation = headers["X-Correlation-ID"] or headers["x-correlation-id"] or ""
  local index, number = correlation:match("^till(%d+)-[%w]+-%d+-(%d+)$")
  index, number = tonumber(index), tonumber(number)
  if index and held[index] == number then
    held[index] = nil
    free[#free + 1] = index
  end
end

function done(summary, latency, requests)
  local made, taken_back, by_status, refusal = 0, 0, {}, ""
  for _, thread in ipairs(threads) do
    made = made + thread:get("created")
    taken_back = taken_back + thread:get("recovered")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
    if refusal == "" then
      refusal = thread:get("first_refusal")
    end
  end
  local errors = summary.errors
  io.write(string.format(
    "TILL-RESULT requests=%d duration_us=%d created=%d recovered=%d connect=%d read=%d "
      .. "write=%d timeout=%d status=%d mean_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, made, taken_back, errors.connect, errors.read,
    errors.write, errors.timeout, errors.status, latency.mean, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max
  ))
  local parts = {}
  for status, count in pairs(by_status) do
    parts[#parts + 1] = status .. ":" .. count
  end
  io.write("TILL-STATUSES " .. table.concat(parts, ",") .. "\n")
  if refusal ~= "" then
    io.write("TILL-FIRST-REFUSAL " .. string.gsub(refusal, "\n", " ") .. "\n")
  end
end
