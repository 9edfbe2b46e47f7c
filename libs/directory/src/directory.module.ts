import { Global, Module } from '@nestjs/common';
import { DirectoryLoader } from './directory-loader.js';
import { DirectoryService } from './directory.service.js';

@Global()
@Module({ providers: [DirectoryService, DirectoryLoader], exports: [DirectoryService] })
export class DirectoryModule {}
