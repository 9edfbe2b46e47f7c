export * from './dashboard-reports.service.js';
export * from './huddle.service.js';
export * from './nps-report.service.js';
export * from './outer-loop.service.js';
export * from './report-delivery.service.js';
export * from './report-schedules.service.js';
export * from './reports.module.js';
