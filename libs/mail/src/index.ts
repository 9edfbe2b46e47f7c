export * from './mail-transport.service.js';
export * from './mail.module.js';
export * from './templates/case-alert.template.js';
export * from './templates/layout.js';
export * from './templates/locale.js';
export * from './templates/loyalty-invitation.template.js';
export * from './templates/unknown-store.template.js';
