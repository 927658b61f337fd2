//! form.html?formId=…: the page the Cosmic runtime loads into a tab's iframe for some forms. Its
//! URL is not a console URL (no index.html); its values come from the console around it.
import React from 'react';
import { createRoot } from 'react-dom/client';
import './cosmic.css';
import { formDelayMs } from '../console/env.js';
import { Late } from './fields.jsx';
import InvoiceCallback from './InvoiceCallback.jsx';

const FORMS = { invoice_callback: InvoiceCallback };
const Form = FORMS[new URLSearchParams(window.location.search).get('formId')];

createRoot(document.getElementById('app')).render(
  Form ? (
    <Late delayMs={formDelayMs()}>
      <Form />
    </Late>
  ) : (
    <div className="kd-cq-empty">表单不存在</div>
  ),
);
