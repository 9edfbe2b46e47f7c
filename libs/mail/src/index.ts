export * from './mail-transport.service.js';
export * from './mail.module.js';
export * from './signed-link.js';
export * from './templates/customer-email.js';
export * from './templates/labels.js';
export * from './templates/layout.js';
export * from './templates/locale.js';
