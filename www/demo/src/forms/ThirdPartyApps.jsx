//! 第三方应用 (开放服务云 → OpenApi → 安全策略): placeholder until the list is written.
import React from 'react';
import Placeholder from './Placeholder.jsx';

export default function ThirdPartyApps({ title }) {
  return <Placeholder title={title} />;
}
