export {
  ConfigError,
  MAX_DURATION_MS,
  parseDuration,
  REALTIME_SETTINGS,
  type RealtimeOptions,
  resolveRealtimeSettings,
} from './config.js';
export {
  DEFAULT_PORT,
  DEFAULT_PROJECT_ID,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from './start.js';
export { startTcpProxy, type TcpProxy, type TcpProxyOptions } from './tcp-proxy.js';
export { WEBSOCKET_PATH } from './websocket.js';
