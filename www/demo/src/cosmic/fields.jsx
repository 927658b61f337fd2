//! The Cosmic web client's building blocks, drawn the way its runtime draws them (no component
//! library): a wrapper per field (`.kd-cq-field`, `data-field-item`) whose caption is a `span`
//! in a title wrapper and whose control sits in a separate value wrapper, with no
//! `<label for>`; basedata (F7) lookups as an input with a magnifier whose floating dropdown
//! starts with a 新增 row; toolbar buttons and dialog buttons as `<div>`s.
import React, { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

/** One field: caption in the title wrapper, the control in the value wrapper. */
export function Field({ item, caption, required, children }) {
  return (
    <div className="kd-cq-field" data-field-item={item}>
      <div className="kd-cq-field-title">
        {required ? <span className="kd-cq-field-required">*</span> : null}
        <span className="kd-cq-field-caption">{caption}</span>
      </div>
      <div className="kd-cq-field-value">{children}</div>
    </div>
  );
}

export function TextField({ item, caption, required, value, onChange, type = 'text', readOnly, suffix }) {
  return (
    <Field item={item} caption={caption} required={required}>
      <div className="kd-cq-input">
        <input
          type={type}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          readOnly={readOnly}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
        {suffix}
      </div>
    </Field>
  );
}

/** A checkbox field: the native input is drawn over by a box of our own. */
export function CheckField({ item, caption, checked, onChange }) {
  return (
    <Field item={item} caption={caption}>
      <span className={`kd-cq-checkbox${checked ? ' kd-cq-checkbox-checked' : ''}`}>
        <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <span className="kd-cq-checkbox-inner" />
      </span>
    </Field>
  );
}

/** A toolbar "button": the runtime draws them as `<div>`s with ids such as `bar_save`. */
export function BarItem({ id, children, onClick }) {
  return (
    <div id={id} className="kd-cq-toolbar-item" onClick={onClick}>
      {children}
    </div>
  );
}

export function Toolbar({ children }) {
  return <div className="kd-cq-toolbar">{children}</div>;
}

/**
 * A basedata (F7) lookup. Typing opens a floating dropdown (in `<body>`, like the runtime's)
 * whose first row is 新增 with what was typed — choosing it would start creating a new record —
 * then the matching records as `code name`. The input shows the chosen record's name; the
 * stored value is its code.
 */
export function BasedataField({ item, caption, required, records, value, onChange, onAddNew }) {
  const chosen = records.find((r) => r.code === value);
  const [text, setText] = useState(chosen ? chosen.name : '');
  const [open, setOpen] = useState(false);
  const [box, setBox] = useState(null);
  const input = useRef(null);

  useEffect(() => {
    setText(chosen ? chosen.name : '');
  }, [value]); // on a new value only, not on every new `records` array

  useEffect(() => {
    if (!open) return undefined;
    const close = (e) => {
      if (!e.target.closest || !e.target.closest('.kd-cq-f7-dropdown, .kd-cq-basedata')) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const show = () => {
    const r = input.current.getBoundingClientRect();
    setBox({ left: r.left + window.scrollX, top: r.bottom + window.scrollY + 2, width: Math.max(r.width, 280) });
    setOpen(true);
  };
  const query = text.trim().toLowerCase();
  const rows = records.filter((r) => !query || `${r.code} ${r.name}`.toLowerCase().includes(query));
  const choose = (record) => {
    setOpen(false);
    onChange(record ? record.code : '');
    setText(record ? record.name : '');
  };

  return (
    <Field item={item} caption={caption} required={required}>
      <div className="kd-cq-basedata">
        <input
          ref={input}
          value={text}
          autoComplete="off"
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) onChange('');
            show();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape' || e.keyCode === 27) setOpen(false);
          }}
          onBlur={() => setTimeout(() => setText((t) => (chosen ? chosen.name : t)), 0)}
        />
        <i className="kd-cq-icon-search" title="查询" onClick={() => (open ? setOpen(false) : show())} />
      </div>
      {open && box
        ? createPortal(
            <div className="kd-cq-f7-dropdown" style={{ left: box.left, top: box.top, width: box.width }}>
              <div
                className="kd-cq-f7-row kd-cq-f7-add"
                onClick={() => {
                  setOpen(false);
                  onAddNew(text);
                }}
              >
                <i className="kd-cq-icon-add">+</i>
                <span>新增</span>
                {text ? <span className="kd-cq-f7-add-text">{text}</span> : null}
              </div>
              {rows.map((r) => (
                <div key={r.code} className="kd-cq-f7-row" onClick={() => choose(r)}>
                  <span className="kd-cq-f7-code">{r.code}</span>
                  <span className="kd-cq-f7-name">{r.name}</span>
                </div>
              ))}
            </div>,
            document.body,
          )
        : null}
    </Field>
  );
}

/** A dialog as the runtime draws it: a title bar, a body and `<div>` buttons. */
export function Dialog({ title, children, onOk, onCancel, okText = '确定' }) {
  return createPortal(
    <div className="kd-cq-mask">
      <div className="kd-cq-modal" role="dialog" aria-modal="true">
        <div className="kd-cq-modal-header">
          <span className="kd-cq-modal-title">{title}</span>
          <span className="kd-cq-modal-close" title="关闭" onClick={onCancel}>
            ×
          </span>
        </div>
        <div className="kd-cq-modal-body">{children}</div>
        <div className="kd-cq-modal-footer">
          <div className="kd-cq-btn" onClick={onCancel}>
            取消
          </div>
          <div className="kd-cq-btn kd-cq-btn-primary" onClick={onOk}>
            {okText}
          </div>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** Forms of the runtime arrive after an async load. */
export function Late({ delayMs, children }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), delayMs);
    return () => clearTimeout(timer);
  }, [delayMs]);
  return ready ? children : <div className="kd-cq-loading">加载中…</div>;
}
