// The shared response and request pieces live with the contracts, which the web and the tests import too.
export * from '../contracts/common.ts';
