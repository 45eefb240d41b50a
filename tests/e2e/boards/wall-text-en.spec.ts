// The wall text and fit checks in English, chosen by the user on the sign-in page (wall-text-suite.ts).
import { wallTextSuite } from '../wall-text-suite';

wallTextSuite('en');
