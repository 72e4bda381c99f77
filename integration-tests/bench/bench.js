// The in-browser half of ./bench (bench asset, not in the product). Times, in one page and in
// interleaved rounds, the runtimes a user could pick instead of WebDiT's engine on the same model:
// ONNX Runtime Web (WebGPU and WASM execution providers), TensorFlow.js (WebGPU backend), and
// WebDiT's own engine and GWT-compiled CPU path (through the kernel-test harness' "bench").
// Driven by com.webdit.it.Benchmark (Selenium), or by hand on /bench.html with a real GPU.
'use strict';
(function () {
  // Dispatches per step, counted the same way for every WebGPU runtime: every compute dispatch
  // any of them records goes through this prototype.
  let dispatches = 0;
  if (window.GPUComputePassEncoder) {
    for (const name of ['dispatchWorkgroups', 'dispatchWorkgroupsIndirect']) {
      const original = GPUComputePassEncoder.prototype[name];
      GPUComputePassEncoder.prototype[name] = function (...args) {
        dispatches++;
        return original.apply(this, args);
      };
    }
  }

  /** Same-input agreement needed before a runtime is timed (EngineParityTest's bound). */
  const MAX_DIFF = 2e-3;
  const now = () => performance.now();
  let spec = null;
  let cs = null;        // the case: x (2 images), t, y, v (Java reference output)
  let runners = [];
  let info = {};

  function maxDiff(a, b) {
    let m = 0;
    for (let i = 0; i < a.length; i++) {
      const d = Math.abs(a[i] - b[i]);
      if (!(d <= m)) m = d;   // NaN counts as the largest
    }
    return m;
  }

  /** One fake guided step on the CPU: v = vu + w (vc - vu), x -= 0.05 v (what a sampler costs, roughly). */
  function cpuStep(x, v, w) {
    const n = x.length;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const vc = v[i], vu = v[n + i];
      out[i] = x[i] - 0.05 * (vu + w * (vc - vu));
    }
    return out;
  }

  function both(x) {
    const out = new Float32Array(2 * x.length);
    out.set(x, 0);
    out.set(x, x.length);
    return out;
  }

  async function ortRunner(ep) {
    ort.env.wasm.wasmPaths = '/bench/node_modules/onnxruntime-web/dist/';
    ort.env.wasm.numThreads = spec.threads;
    const session = await ort.InferenceSession.create(spec.onnx, {executionProviders: [ep]});
    const shape = [2, cs.channels, cs.size, cs.size];
    const feeds = x => ({
      x: new ort.Tensor('float32', x, shape),
      t: new ort.Tensor('float32', Float32Array.from(cs.t), [2]),
      y: new ort.Tensor('int64', BigInt64Array.from(cs.y.map(v => BigInt(v))), [2]),
    });
    const wasm = ep === 'wasm';
    return {
      runtime: wasm ? 'ort-wasm' : 'ort-webgpu',
      backend: wasm ? 'WASM SIMD' : 'WebGPU',
      threads: wasm ? (self.crossOriginIsolated ? spec.threads : 1) : '',
      readbacks: 'every step',
      forward: async () => (await session.run(feeds(cs.x))).v.data,
      loop: async k => {
        let x = cs.x.slice(0, cs.values);
        for (let i = 0; i < k; i++) {
          x = cpuStep(x, (await session.run(feeds(both(x)))).v.data, spec.cfg);
        }
        return x;
      },
    };
  }

  async function tfjsRunner() {
    if (!(await tf.setBackend('webgpu'))) throw new Error('TF.js has no WebGPU backend here');
    await tf.ready();
    const model = new TfjsDiT(tf, await (await fetch(spec.weights)).arrayBuffer());
    const shape1 = [1, cs.channels, cs.size, cs.size];
    return {
      runtime: 'tfjs-webgpu',
      backend: 'WebGPU',
      threads: '',
      readbacks: 'once per loop',
      forward: async () => {
        const x = tf.tensor4d(cs.x, [2, cs.channels, cs.size, cs.size]);
        const v = model.forward(x, cs.t, cs.y);
        const data = await v.data();
        x.dispose();
        v.dispose();
        return data;
      },
      loop: async k => {
        let x = tf.tensor4d(cs.x.slice(0, cs.values), shape1);
        for (let i = 0; i < k; i++) {
          const next = tf.tidy(() => {
            const [vc, vu] = tf.split(model.forward(tf.concat([x, x]), cs.t, cs.y), 2);
            return x.sub(vu.add(vc.sub(vu).mul(spec.cfg)).mul(0.05));
          });
          x.dispose();
          x = next;
        }
        const out = await x.data();
        x.dispose();
        return out;
      },
    };
  }

  async function harness() {
    for (let i = 0; i < 600 && !window.webditKernelTests; i++) {
      await new Promise(r => setTimeout(r, 100));
    }
    if (!window.webditKernelTests) throw new Error('the WebDiT kernel-test harness did not load');
    return window.webditKernelTests;
  }

  /** WebDiT's engine and GWT CPU path: whole generations through the harness (one warm-up, one timed run each). */
  async function webditRound() {
    const h = await harness();
    const text = await h.bench(JSON.stringify({weights: spec.weights, steps: spec.steps, runs: 1, cpuRuns: 1,
      sampler: spec.sampler, cfg: spec.cfg, label: cs.y[0]}));
    if (String(text).startsWith('ERROR')) throw new Error(text);
    const r = JSON.parse(text);
    // Whole generations, so their outputs are whole images (seed 1, the case's label): the driver
    // compares them with the JVM reference's image for the same request.
    return [
      {runtime: 'webdit-engine', stepMs: r.gpuMs[0] / spec.steps, dispatchesPerStep: r.dispatches / spec.steps,
        coldMs: r.coldMs, profile: r.profile, image: r.gpuImage},
      {runtime: 'gwt-cpu', stepMs: r.cpuMs[0] / spec.steps, image: r.cpuImage},
    ];
  }

  /** Loads the case and every runtime, checks each against the Java reference, warms each up. */
  async function init(specJson) {
    spec = Object.assign({steps: 4, threads: 2, sampler: 'dpmpp2m', cfg: 3, onnx: '/bench/model.onnx',
      case: '/bench/case.json'}, typeof specJson === 'string' ? JSON.parse(specJson) : specJson);
    const c = await (await fetch(spec.case)).json();
    cs = {channels: c.channels, size: c.size, values: c.channels * c.size * c.size, t: c.t, y: c.y,
      x: Float32Array.from(c.x), v: Float32Array.from(c.v)};
    const adapter = navigator.gpu ? await navigator.gpu.requestAdapter() : null;
    info = {
      userAgent: navigator.userAgent,
      adapter: adapter ? [adapter.info.vendor, adapter.info.architecture, adapter.info.description].filter(s => s).join(' / ')
        : 'none',
      fallbackAdapter: adapter ? !!(adapter.info.isFallbackAdapter || adapter.isFallbackAdapter) : null,
      crossOriginIsolated: self.crossOriginIsolated,
      hardwareConcurrency: navigator.hardwareConcurrency,
    };
    const status = {};
    runners = [];
    const makers = [['ort-webgpu', () => ortRunner('webgpu')], ['ort-wasm', () => ortRunner('wasm')],
      ['tfjs-webgpu', tfjsRunner]];
    for (const [name, make] of makers) {
      try {
        const r = await make();
        const before = dispatches;
        const v = await r.forward();
        r.dispatchesPerForward = dispatches - before;
        r.maxDiff = maxDiff(cs.v, v);
        if (!(r.maxDiff <= MAX_DIFF)) {
          status[name] = {maxDiff: r.maxDiff, status: 'disagrees with the Java reference: not timed'};
          continue;
        }
        const b2 = dispatches;
        await r.loop(spec.steps);   // warm-up, and the loop's dispatches
        r.dispatchesPerStep = (dispatches - b2) / spec.steps;
        status[name] = {maxDiff: r.maxDiff, status: 'ok'};
        runners.push(r);
      } catch (e) {
        status[name] = {status: 'failed: ' + (e && e.message ? e.message : e)};
      }
    }
    try {
      await harness();
      runners.push({runtime: 'webdit', webdit: true});
      status['webdit-engine'] = {status: 'ok'};
      status['gwt-cpu'] = {status: 'ok'};
    } catch (e) {
      status['webdit-engine'] = {status: 'failed: ' + e.message};
      status['gwt-cpu'] = {status: 'failed: ' + e.message};
    }
    return JSON.stringify({info, status});
  }

  /** Round i: every runtime once, in an order rotated by i (A B C D, B C D A, ...). */
  async function round(i) {
    const out = [];
    const n = runners.length;
    for (let j = 0; j < n; j++) {
      const r = runners[(i + j) % n];
      if (r.webdit) {
        out.push(...await webditRound());
        continue;
      }
      let t0 = now();
      await r.forward();
      const forwardMs = now() - t0;
      t0 = now();
      await r.loop(spec.steps);
      out.push({runtime: r.runtime, backend: r.backend, threads: r.threads, forwardMs,
        stepMs: (now() - t0) / spec.steps, dispatchesPerStep: r.backend === 'WebGPU' ? r.dispatchesPerStep : undefined,
        readbacks: r.readbacks,
        maxDiff: r.maxDiff});
    }
    return JSON.stringify(out);
  }

  function median(xs) {
    const s = xs.filter(x => typeof x === 'number').sort((a, b) => a - b);
    if (!s.length) return '';
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The manual page: init, rounds, then a table and its CSV. */
  async function runPage() {
    const log = document.getElementById('log');
    const say = s => { log.textContent += s + '\n'; };
    const q = new URLSearchParams(location.search);
    const rounds = Number(q.get('rounds') || 5);
    const initSpec = {steps: Number(q.get('steps') || 4), threads: Number(q.get('threads') || 2),
      weights: q.get('weights') || (await (await fetch('/bench/case.json')).json()).weights};
    say('loading runtimes ...');
    const start = JSON.parse(await init(initSpec));
    say(JSON.stringify(start, null, 1));
    const rows = {};
    for (let i = 0; i <= rounds; i++) {
      const res = JSON.parse(await round(i));
      say('round ' + i + (i === 0 ? ' (warm-up, not counted)' : '') + ': ' + res.map(r => r.runtime + ' '
        + (r.stepMs || 0).toFixed(1) + ' ms/step').join(', '));
      if (i === 0) continue;
      for (const r of res) (rows[r.runtime] = rows[r.runtime] || []).push(r);
    }
    // The same columns as ./bench's CSV (its JVM rows and the engine's image diff need the driver).
    const header = 'runtime,backend,threads,rounds,ms_per_forward,ms_per_step,steps,ms_per_loop,readbacks,'
      + 'dispatches_per_step,max_abs_diff,status';
    const lines = [header];
    for (const [name, rs] of Object.entries(rows)) {
      const f = median(rs.map(r => r.forwardMs));
      const step = median(rs.map(r => r.stepMs));
      lines.push([name, rs[0].backend || (name === 'gwt-cpu' ? 'JS (GWT)' : 'WebGPU'), rs[0].threads || '', rs.length,
        f === '' ? '' : f.toFixed(1), step.toFixed(1), spec.steps, (step * spec.steps).toFixed(1),
        rs[0].readbacks || 'once per generation',
        rs[0].dispatchesPerStep === undefined ? '' : rs[0].dispatchesPerStep.toFixed(1),
        rs[0].maxDiff === undefined ? '' : rs[0].maxDiff.toExponential(1), 'ok'].join(','));
    }
    for (const [name, st] of Object.entries(start.status)) {
      if (st.status !== 'ok') lines.push([name, '', '', 0, '', '', spec.steps, '', '', '',
        st.maxDiff === undefined ? '' : st.maxDiff.toExponential(1), st.status.replace(/,/g, ';')].join(','));
    }
    const csv = lines.join('\n');
    const table = document.getElementById('table');
    table.innerHTML = '';
    for (const [i, line] of lines.entries()) {
      const tr = table.insertRow();
      for (const cell of line.split(',')) {
        const td = document.createElement(i ? 'td' : 'th');
        td.textContent = cell;
        tr.appendChild(td);
      }
    }
    document.getElementById('csv').value = '# ' + info.adapter + ' | ' + info.userAgent + '\n' + csv;
    document.getElementById('copy').disabled = false;
    say('done');
  }

  window.webditBench = {init, round, runPage};
})();
