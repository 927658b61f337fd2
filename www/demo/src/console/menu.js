//! The console's application menu: cloud → application → group → form, as Cosmic draws it.
//! Leaves name the form they open (see forms/registry.jsx).

export const MENU = [
  {
    key: 'cloud-tax',
    title: '发票服务',
    children: [
      {
        key: 'tax-sys',
        title: '系统管理',
        children: [
          { key: 'invoice-callback', title: '发票回调配置', form: 'invoice-callback' },
          { key: 'invoice-auth', title: '发票服务授权配置', form: 'invoice-cloud-auth' },
          { key: 'biz-system-code', title: '业务系统编码', form: 'placeholder' },
        ],
      },
      {
        key: 'tax-base',
        title: '基础资料',
        children: [{ key: 'company-info', title: '企业信息', form: 'enterprise-list' }],
      },
    ],
  },
  // 星瀚's 发票云 (guide 001): the same forms under the cloud's other name, and 数电配置.
  {
    key: 'cloud-invoice',
    title: '发票云',
    children: [
      {
        key: 'invoice-sys',
        title: '系统管理',
        children: [
          { key: 'invoice-cloud-auth', title: '发票云授权配置', form: 'invoice-cloud-auth' },
          { key: 'invoice-biz-system-code', title: '业务系统编码', form: 'placeholder' },
        ],
      },
      {
        key: 'invoice-base',
        title: '基础资料',
        children: [
          {
            key: 'invoice-enterprise',
            title: '企业管理',
            children: [
              { key: 'invoice-company-info', title: '企业信息', form: 'enterprise-list' },
              { key: 'digital-invoice', title: '数电配置', form: 'digital-invoice' },
            ],
          },
        ],
      },
    ],
  },
  {
    key: 'cloud-finance',
    title: '财务云',
    children: [
      {
        key: 'expense',
        title: '费用核算',
        children: [
          {
            key: 'invoice-settings',
            title: '发票设置',
            children: [{ key: 'expense-invoice-cloud', title: '发票云配置', form: 'expense-invoice-cloud' }],
          },
        ],
      },
    ],
  },
  // The EAS customer's 影像系统 (guide 002 §四), a separate web system in reality.
  {
    key: 'image-system',
    title: '影像系统',
    children: [
      {
        key: 'image-settings',
        title: '系统设置',
        children: [
          { key: 'image-business-system', title: '对接业务系统配置', form: 'image-business-system' },
          { key: 'image-enterprise-auth', title: '企业授权配置', form: 'image-enterprise-auth' },
        ],
      },
    ],
  },
  {
    key: 'cloud-open',
    title: '开放服务云',
    children: [
      {
        key: 'openapi',
        title: 'OpenApi',
        children: [
          {
            key: 'openapi-security',
            title: '安全策略',
            children: [{ key: 'third-party-apps', title: '第三方应用', form: 'third-party-apps' }],
          },
          { key: 'openapi-v1', title: 'API服务管理1.0', form: 'placeholder' },
        ],
      },
    ],
  },
  {
    key: 'cloud-base',
    title: '基础服务云',
    children: [
      {
        key: 'base-org',
        title: '组织人员',
        children: [
          { key: 'person', title: '人员', form: 'person' },
          { key: 'business-unit', title: '业务单元', form: 'business-unit' },
        ],
      },
    ],
  },
];

/** Every leaf, for `&open=<title>` and lookups by key. */
export function leaves(items = MENU, out = []) {
  for (const item of items) {
    if (item.children) leaves(item.children, out);
    else out.push(item);
  }
  return out;
}
