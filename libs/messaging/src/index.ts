export * from './batch-consumer.js';
export * from './kafka-producer.service.js';
export * from './kafka.client.js';
export * from './messaging.module.js';
export * from './topic-admin.service.js';
export * from './transient-error.js';
export * from './consumer-lag.js';
