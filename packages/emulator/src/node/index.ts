export {
  DEFAULT_PORT,
  DEFAULT_PROJECT_ID,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from './start.js';
export { WEBSOCKET_PATH } from './websocket.js';
