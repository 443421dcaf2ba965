export * from './hash';
export { randomString, requestId } from './random';
