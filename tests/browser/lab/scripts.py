"""JavaScript run in the page: redraw instrumentation and queries of JupyterLab's DOM."""

from __future__ import annotations

# ------------------------------------------------------------------------------------------
# In-page instrumentation (installed before JupyterLab loads)
# ------------------------------------------------------------------------------------------
# drawImage is how ipympl paints a figure's view canvas (from its offscreen canvas). The patch
# hashes a *watched* canvas right after each draw, so the time of the first draw that changes
# its pixels is stamped exactly; the keydown listener stamps the key press (capture phase, so
# before any widget handles it). A poll in the wait function is the fallback if a view ever
# paints another way.
INSTRUMENTATION_JS = r"""
(() => {
  if (window.__e2e) return;
  const hash = (canvas) => {
    if (!canvas || !canvas.width || !canvas.height) return 'empty';
    const ctx = canvas.getContext('2d');
    const data = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
    let h = 2166136261 >>> 0;
    for (let i = 0; i < data.length; i++) { h ^= data[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h.toString(16) + ':' + canvas.width + 'x' + canvas.height;
  };
  const state = {lastDraw: 0, lastBusy: 0, lastActivity: 0, kernel: null, keyAt: null,
                 watched: new Set()};
  const original = CanvasRenderingContext2D.prototype.drawImage;
  CanvasRenderingContext2D.prototype.drawImage = function (...args) {
    const result = original.apply(this, args);
    const canvas = this.canvas;
    if (canvas && canvas.isConnected) {
      const now = performance.now();
      state.lastDraw = now;
      canvas.__e2ePaints = (canvas.__e2ePaints || 0) + 1;
      const w = canvas.__e2e;
      if (w && w.armed) {
        const h = hash(canvas);
        if (h !== w.baseline) { w.armed = false; w.changedAt = now; w.how = 'draw'; w.hash = h; }
      }
    }
    return result;
  };
  document.addEventListener('keydown', (event) => {
    state.keyAt = performance.now();
    for (const canvas of state.watched) if (canvas.__e2e.armed && canvas.__e2e.keyAt === null)
      canvas.__e2e.keyAt = state.keyAt;
  }, true);
  const canvasById = (id) => document.querySelector(`canvas[data-e2e-canvas="${id}"]`);
  window.__e2e = {
    hash,
    state,
    canvasById,
    blank(canvas) {
      if (!canvas || !canvas.width || !canvas.height) return true;
      const ctx = canvas.getContext('2d');
      const data = new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
      const first = data[0];
      for (let i = 1; i < data.length; i++) if (data[i] !== first) return false;
      return true;
    },
    arm(id) {
      const canvas = canvasById(id);
      canvas.__e2e = {armed: true, baseline: hash(canvas), changedAt: null, keyAt: null,
                      how: null, armedAt: performance.now()};
      state.watched.add(canvas);
      return canvas.__e2e.baseline;
    },
    // True once the watched canvas's pixels differ from the baseline (stamped at the draw).
    changed(id) {
      const canvas = canvasById(id);
      const w = canvas && canvas.__e2e;
      if (!w) return false;
      if (w.changedAt !== null) return true;
      const h = hash(canvas);
      if (h !== w.baseline) {
        w.armed = false; w.changedAt = performance.now(); w.how = 'poll'; w.hash = h;
        return true;
      }
      return false;
    },
    result(id) {
      const canvas = canvasById(id);
      const w = canvas.__e2e;
      state.watched.delete(canvas);
      w.armed = false;
      return {changedAt: w.changedAt, keyAt: w.keyAt, how: w.how,
              latency: (w.changedAt !== null && w.keyAt !== null) ? w.changedAt - w.keyAt : null};
    },
    // The kernel went busy after arming (so it got the change), is idle again and no canvas
    // painted for 300 ms: nothing is coming. (Without a busy seen: wait for the timeout.)
    settledWithoutChange(id) {
      const canvas = canvasById(id);
      const w = canvas && canvas.__e2e;
      return !!w && state.lastBusy > w.armedAt && this.quiet(400);
    },
    // Stamp every busy of the notebook's kernel (called once the notebook is open).
    watchKernel() {
      const panel = window.jupyterapp.shell.currentWidget;
      const kernel = panel.sessionContext.session.kernel;
      kernel.statusChanged.connect((_, status) => {
        const now = performance.now();
        state.lastActivity = now;
        if (status !== 'idle') state.lastBusy = now;
      });
      state.kernel = kernel;
    },
    kernelIdle() {
      if (state.kernel) return state.kernel.status === 'idle';
      const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
      return !indicator || indicator.getAttribute('data-status') === 'idle';
    },
    // Kernel idle, and neither a kernel status change nor a canvas paint for `ms` ms (an
    // image that arrived with the last message may still be decoding for a moment).
    quiet(ms) {
      return this.kernelIdle()
        && performance.now() - Math.max(state.lastDraw, state.lastActivity) > ms;
    },
  };
})();
"""

# Every control of the notebook, in page order, tagged with data-e2e-control=N; each tied to
# the ipympl canvas nearest to it (searching outwards up to the cell's output area).
ENUMERATE_JS = r"""
() => {
  const notebook = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
    || document.querySelector('.jp-Notebook');
  let canvasCount = 0;
  for (const figure of notebook.querySelectorAll('.jupyter-matplotlib')) {
    const canvas = figure.querySelector('canvas');
    if (canvas && !canvas.hasAttribute('data-e2e-canvas'))
      canvas.setAttribute('data-e2e-canvas', String(canvasCount++));
    else if (canvas) canvasCount++;
  }
  const cells = Array.from(notebook.querySelectorAll('.jp-Cell'));
  const tiedCanvas = (control) => {
    let el = control;
    while (el && el !== notebook) {
      const canvas = el.querySelector('.jupyter-matplotlib canvas[data-e2e-canvas]');
      if (canvas) return canvas.getAttribute('data-e2e-canvas');
      if (el.classList.contains('jp-Cell-outputArea')) return null;
      el = el.parentElement;
    }
    return null;
  };
  const labelOf = (container) => {
    const label = container && container.querySelector(':scope > .widget-label, :scope > label');
    const text = label ? label.textContent.trim() : '';
    return text;
  };
  const controls = [];
  const add = (el, kind, label) => {
    const id = String(controls.length);
    el.setAttribute('data-e2e-control', id);
    const cell = el.closest('.jp-Cell');
    controls.push({id, kind, label, canvas: tiedCanvas(el), cell: cells.indexOf(cell),
                   disabled: !!(el.disabled || el.getAttribute('aria-disabled') === 'true'
                                || el.closest('[disabled]'))});
  };
  const withinOutputs = (el) => el.closest('.jp-Cell-outputArea')
    && !el.closest('.jupyter-matplotlib') && !el.closest('.jp-LogConsolePanel');
  for (const container of notebook.querySelectorAll('.widget-slider')) {
    if (!withinOutputs(container)) continue;
    const handles = Array.from(container.querySelectorAll('.noUi-handle'));
    const label = labelOf(container) || container.getAttribute('title') || 'unlabelled slider';
    handles.forEach((handle, i) => add(handle, 'slider',
      handles.length > 1 ? `${label} [handle ${i + 1}]` : label));
  }
  for (const select of notebook.querySelectorAll('.widget-dropdown select')) {
    if (!withinOutputs(select)) continue;
    const container = select.closest('.widget-dropdown');
    add(select, 'dropdown',
        labelOf(container) || select.getAttribute('title') || 'unlabelled dropdown');
  }
  const buttons = notebook.querySelectorAll(
    '.jupyter-widgets button, button.widget-button, button.jupyter-button');
  for (const button of buttons) {
    if (button.hasAttribute('data-e2e-control') || !withinOutputs(button)) continue;
    // Play would start an endless loop, Upload a file dialog.
    if (button.closest('.widget-play, .widget-upload')) continue;
    const text = button.textContent.trim() || button.getAttribute('title') || 'unlabelled button';
    add(button, 'button', text);
  }
  return {controls, canvases: canvasCount};
}
"""

# Error outputs anywhere (cells, Output widgets inside them, the Log Console) that were not
# seen before; marks them seen. Cells tagged raises-exception are expected to show one.
NEW_ERRORS_JS = r"""
() => {
  const selector = [
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]',
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]',
    '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]',
    '.jp-LogConsolePanel .jp-OutputArea-output',
  ].join(', ');
  const found = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.hasAttribute('data-e2e-seen')) continue;
    el.setAttribute('data-e2e-seen', '1');
    if (el.closest('[data-e2e-raises]')) continue;
    const text = el.innerText || el.textContent || '';
    const inLog = !!el.closest('.jp-LogConsolePanel');
    if (/Traceback|Error/.test(text))
      found.push({text: text.slice(0, 4000), where: inLog ? 'log console' : 'output'});
  }
  const outputs = document.querySelectorAll(
    '.jp-Notebook .jupyter-widgets, .jp-Notebook .jp-OutputArea-output');
  for (const el of outputs) {
    if (el.hasAttribute('data-e2e-seen-w')) continue;
    const text = el.textContent || '';
    if (/Error displaying widget|could not be displayed because the widget state/.test(text)) {
      el.setAttribute('data-e2e-seen-w', '1');
      found.push({text: text.slice(0, 500), where: 'widget'});
    }
  }
  return found;
}
"""

KERNEL_READY_JS = r"""
() => {
  const app = window.jupyterapp;
  const panel = app && app.shell.currentWidget;
  const ctx = panel && panel.sessionContext;
  const kernel = ctx && ctx.session && ctx.session.kernel;
  return !!(kernel && ctx.isReady && kernel.status === 'idle'
            && kernel.connectionStatus === 'connected'
            && document.querySelector('.jp-Notebook-ExecutionIndicator'));
}
"""

CLEARED_JS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  return panel.content.widgets.every(cell => cell.model.type !== 'code'
    || ((cell.model.executionCount ?? null) === null && cell.model.outputs.length === 0));
}
"""

CELLS_JS = r"""
() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.content.widgets) return null;
  return panel.content.widgets.map((cell, index) => {
    const model = cell.model;
    const tags = (model.getMetadata ? model.getMetadata('tags') : model.metadata.tags) || [];
    if (tags.includes('raises-exception')) cell.node.setAttribute('data-e2e-raises', '1');
    const prompt = cell.node.querySelector('.jp-InputArea-prompt');
    return {index, type: model.type, empty: model.sharedModel.getSource().trim() === '',
            count: model.type === 'code' ? (model.executionCount ?? null) : null,
            prompt: prompt ? prompt.textContent.trim() : '',
            raises: tags.includes('raises-exception')};
  });
}
"""
