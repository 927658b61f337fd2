//! Which component draws which menu form. Every form renders late (LateRender).
import React from 'react';
import LateRender from '../console/LateRender.jsx';
import InvoiceCallback from './InvoiceCallback.jsx';
import ThirdPartyApps from './ThirdPartyApps.jsx';
import Person from './Person.jsx';
import BusinessUnit from './BusinessUnit.jsx';
import Placeholder from './Placeholder.jsx';
import InvoiceCloudAuth from './InvoiceCloudAuth.jsx';
import DigitalInvoiceSettings from './TenantAuth.jsx';
import ExpenseInvoiceCloud from './ExpenseInvoiceCloud.jsx';
import EnterpriseList from './EnterpriseInfo.jsx';
import { ImageBusinessSystem, ImageEnterpriseAuth } from './ImageSystem.jsx';

const FORMS = {
  'invoice-callback': InvoiceCallback,
  'third-party-apps': ThirdPartyApps,
  person: Person,
  'business-unit': BusinessUnit,
  'invoice-cloud-auth': InvoiceCloudAuth,
  'digital-invoice': DigitalInvoiceSettings,
  'expense-invoice-cloud': ExpenseInvoiceCloud,
  'enterprise-list': EnterpriseList,
  'image-business-system': ImageBusinessSystem,
  'image-enterprise-auth': ImageEnterpriseAuth,
};

export function renderForm(name, title, tabKey) {
  const Form = FORMS[name] || Placeholder;
  return (
    <LateRender>
      <Form title={title} tabKey={tabKey} />
    </LateRender>
  );
}
