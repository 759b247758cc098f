// wskemu dap, driven by the Debug Adapter Protocol client Microsoft publishes for testing debug adapters.
const assert = require('assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const ADAPTER = path.join(__dirname, '..', 'wskemu-dap.sh');
const JAR = process.env.WSKEMU_JAR || path.join(__dirname, '..', '..', '..', 'cli', 'target', 'wskemu-cli.jar');
const QUICKSTART = path.resolve(__dirname, '..', '..', '..', 'examples', 'quickstart.wsk.jsonl');
const DIVERGED = path.resolve(__dirname, '..', '..', '..', 'cli', 'src', 'test', 'resources', 'debug', 'diverged.wsk.jsonl');

// Quickstart lines: 5 process 4; 12 a443 binds 0.0.0.0:443; 17 socket b443; 18 b443's bind refused by a443;
// 22 a80 binds port 80; 31 c80's bind refused (access check); 34 a443 closes; 35 b443 binds 443.

describe('wskemu dap', function () {
  this.timeout(120000);
  let dc;

  beforeEach(async () => {
    dc = new DebugClient(ADAPTER, 'dap', 'wskemu');
    dc.defaultTimeout = 60000;
    await dc.start();
  });

  afterEach(async () => {
    if (dc) {
      await dc.stop();
    }
  });

  /** Launches with breakpoints set once the adapter is initialized, then waits for the stop. */
  async function launchTo(launchArgs, configure, reason, line, program = QUICKSTART) {
    await Promise.all([
      dc.waitForEvent('initialized').then(configure).then(() => dc.configurationDoneRequest()),
      dc.launch(launchArgs),
      dc.assertStoppedLocation(reason, { path: program, line }),
    ]);
  }

  function setLines(lines, conditions = {}) {
    return dc.setBreakpointsRequest({
      source: { path: QUICKSTART },
      breakpoints: lines.map((line) => (conditions[line] ? { line, condition: conditions[line] } : { line })),
    });
  }

  async function frame() {
    const threads = await dc.threadsRequest();
    for (const thread of threads.body.threads) {
      const stack = await dc.stackTraceRequest({ threadId: thread.id });
      if (stack.body.stackFrames.length > 0) {
        return { thread, frame: stack.body.stackFrames[0] };
      }
    }
    throw new Error('no thread has a frame');
  }

  async function scope(name) {
    const { frame: top } = await frame();
    const scopes = await dc.scopesRequest({ frameId: top.id });
    const found = scopes.body.scopes.find((s) => s.name === name);
    assert.ok(found, `no scope ${name} in ${scopes.body.scopes.map((s) => s.name)}`);
    return (await dc.variablesRequest({ variablesReference: found.variablesReference })).body.variables;
  }

  async function children(variable) {
    assert.ok(variable.variablesReference > 0, `${variable.name} has no children`);
    return (await dc.variablesRequest({ variablesReference: variable.variablesReference })).body.variables;
  }

  function named(variables, name) {
    const found = variables.find((v) => v.name === name);
    assert.ok(found, `no variable ${name} in ${variables.map((v) => v.name)}`);
    return found;
  }

  it('declares the capabilities and filters of a time-travel debugger', async () => {
    const response = await dc.initializeRequest();
    const caps = response.body;
    assert.strictEqual(caps.supportsStepBack, true);
    assert.strictEqual(caps.supportsConfigurationDoneRequest, true);
    assert.strictEqual(caps.supportsConditionalBreakpoints, true);
    assert.strictEqual(caps.supportsGotoTargetsRequest, true);
    assert.deepStrictEqual(caps.exceptionBreakpointFilters.map((f) => f.filter), ['diverged', 'refused']);
  });

  it('launches and stops on entry at the first call, a thread per process', async () => {
    await launchTo({ session: QUICKSTART, stopOnEntry: true }, () => {}, 'entry', 5);
    const threads = await dc.threadsRequest();
    assert.deepStrictEqual(threads.body.threads.map((t) => t.name), ['process 4', 'process 1200', 'process 1300']);
    const call = await scope('Call');
    assert.strictEqual(named(call, 'op').value, 'process');
    assert.strictEqual(named(call, 'position').value, '2');
  });

  it('stops at a line breakpoint and shows the bindings of a port', async () => {
    await launchTo({ session: QUICKSTART }, () => setLines([18]), 'breakpoint', 18);
    const call = await scope('Call');
    assert.strictEqual(named(call, 'status').value, 'STATUS_ACCESS_DENIED');
    assert.strictEqual(named(call, 'address').value, '192.168.1.10:443');
    const port443 = named(await scope('Ports'), '443');
    const a443 = named(await children(port443), 'a443');
    const fields = await children(a443);
    assert.strictEqual(named(fields, 'address').value, '0.0.0.0:443');
    assert.strictEqual(named(fields, 'option').value, 'SO_EXCLUSIVEADDRUSE');
    assert.strictEqual(named(fields, 'process').value, '4');
    const decision = await scope('Decision');
    assert.strictEqual(named(decision, 'deciding socket').value, 'a443');
    assert.strictEqual(named(decision, 'cell').value, 'first EXCL W then second NONE S -> DENIED');
  });

  it('steps back to the previous call with the state as it was then', async () => {
    await launchTo({ session: QUICKSTART }, () => setLines([35]), 'breakpoint', 35);
    assert.strictEqual(named(await scope('Ports'), '443').value, 'b443');
    await Promise.all([dc.stepBackRequest({ threadId: (await frame()).thread.id }),
      dc.assertStoppedLocation('step', { path: QUICKSTART, line: 34 })]);
    const ports = await scope('Ports');
    assert.ok(!ports.some((p) => p.name === '443'), `port 443 is free just after a443's close: ${JSON.stringify(ports)}`);
    const sockets = await scope('Sockets');
    assert.strictEqual(named(sockets, 'a443').value, 'listen, inet, closed');
    await Promise.all([dc.stepBackRequest({ threadId: (await frame()).thread.id }),
      dc.assertStoppedLocation('step', { path: QUICKSTART, line: 31 })]);
    assert.strictEqual(named(await scope('Ports'), '443').value, 'a443');
  });

  it('reverse-continues to an earlier breakpoint', async () => {
    await launchTo({ session: QUICKSTART }, () => setLines([12, 35]), 'breakpoint', 12);
    await Promise.all([dc.continueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 35 })]);
    await Promise.all([dc.reverseContinueRequest({ threadId: 1 }), dc.assertStoppedLocation('breakpoint', { line: 12 })]);
    assert.strictEqual(named(await scope('Ports'), '443').value, 'a443');
  });

  it('stops at a diverged call with the diverged exception breakpoint', async () => {
    await launchTo({ session: DIVERGED },
      () => dc.setExceptionBreakpointsRequest({ filters: ['diverged'] }), 'exception', 8, DIVERGED);
    const call = await scope('Call');
    assert.strictEqual(named(call, 'diverged').value, 'true');
    assert.strictEqual(named(call, 'expectation').value, 'STATUS_SUCCESS');
    assert.strictEqual(named(call, 'status').value, 'STATUS_ACCESS_DENIED');
  });

  it('stops at a conditional breakpoint only where its condition holds', async () => {
    const conditions = { 18: 'socket == "c80"', 31: 'socket == "c80" && status == "ACCESS_DENIED"' };
    let answered;
    await launchTo({ session: QUICKSTART },
      async () => { answered = await setLines([18, 31], conditions); }, 'breakpoint', 31);
    assert.deepStrictEqual(answered.body.breakpoints.map((b) => b.verified), [true, true]);
    assert.strictEqual(named(await scope('Call'), 'socket').value, 'c80');
    const refused = await dc.setBreakpointsRequest({ source: { path: QUICKSTART },
      breakpoints: [{ line: 18, condition: 'colour == "red"' }] });
    assert.strictEqual(refused.body.breakpoints[0].verified, false);
    assert.match(refused.body.breakpoints[0].message, /unknown field 'colour'/);
  });

  it('goes to any line through its goto targets', async () => {
    await launchTo({ session: QUICKSTART, stopOnEntry: true }, () => {}, 'entry', 5);
    const targets = await dc.gotoTargetsRequest({ source: { path: QUICKSTART }, line: 31 });
    assert.strictEqual(targets.body.targets.length, 1);
    await Promise.all([dc.gotoRequest({ threadId: 1, targetId: targets.body.targets[0].id }),
      dc.assertStoppedLocation('goto', { path: QUICKSTART, line: 31 })]);
    await Promise.all([dc.stepBackRequest({ threadId: 1 }), dc.assertStoppedLocation('step', { line: 30 })]);
  });

  it('debugs a recorded run of a store', async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'wskemu-dap-'));
    execFileSync('java', ['-jar', JAR, '--store', store, 'run', QUICKSTART]);
    await launchTo({ store, run: 1 }, () => setLines([18]), 'breakpoint', 18);
    const machine = await scope('Machine');
    assert.strictEqual(named(machine, 'run').value, '1');
    assert.strictEqual(named(await scope('Call'), 'socket').value, 'b443');
  });

  it('refuses a launch it cannot do with a clear message', async () => {
    await dc.initializeRequest();
    await assert.rejects(dc.launchRequest({ session: '/no/such/file.wsk.jsonl' }), /no\/such\/file/);
  });

  it('disconnects and ends', async () => {
    await launchTo({ session: QUICKSTART, stopOnEntry: true }, () => {}, 'entry', 5);
    const ended = dc.waitForEvent('terminated', 60000).catch(() => null);
    await dc.disconnectRequest({});
    const adapter = dc._adapterProcess;
    await new Promise((resolve) => {
      if (!adapter || adapter.exitCode !== null) {
        resolve();
      } else {
        adapter.on('exit', resolve);
      }
    });
    assert.ok(adapter === undefined || adapter.exitCode !== null || adapter.signalCode !== null);
    void ended;
    dc = null; // the adapter is gone: nothing left to stop
  });
});
