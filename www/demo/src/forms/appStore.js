//! The console's third-party applications, shared by the list tab and the detail tabs (the
//! real console keeps them on the server). Keys live here only for this page load.
import { useSyncExternalStore } from 'react';
import { fixedGateway } from '../console/env.js';

/** A random-looking x-acgw-identity: 36 random bytes in base64 (48 characters). */
function newGatewayCredential() {
  const bytes = new Uint8Array(36);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const PRESET = [
  { code: 'invoiceupload', name: '第三方发票上传', type: '预置', status: '已同步' },
  { code: 'kdtest', name: '测试应用', type: '自定义', status: '已启用' },
  { code: 'invoiceupload2', name: '发票上传测试', type: '自定义', status: '已启用' },
  { code: 'einvoice_sync', name: '电子发票同步', type: '自定义', status: '已禁用' },
];

let apps = PRESET.map((app) => ({
  ...app,
  allApis: app.type === '预置',
  allIps: app.type === '预置',
  accessTokenKey: '',
  digestKey: '',
  gateway: fixedGateway() || newGatewayCredential(),
}));
const listeners = new Set();

export const appStore = {
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => apps,
  find: (code) => apps.find((a) => a.code === code),
  /** Adds or updates an application by code. */
  upsert(code, changes) {
    const existing = apps.find((a) => a.code === code);
    apps = existing
      ? apps.map((a) => (a.code === code ? { ...a, ...changes } : a))
      : [
          ...apps,
          {
            code,
            name: '',
            type: '自定义',
            status: '已启用',
            allApis: false,
            allIps: false,
            accessTokenKey: '',
            digestKey: '',
            gateway: fixedGateway() || newGatewayCredential(),
            ...changes,
          },
        ];
    listeners.forEach((l) => l());
  },
};

export const useApps = () => useSyncExternalStore(appStore.subscribe, appStore.snapshot);
