// The wall text and fit checks in Chinese, the browser's and the site's language (wall-text-suite.ts).
import { wallTextSuite } from '../wall-text-suite';

wallTextSuite('zh-CN');
