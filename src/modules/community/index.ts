/**
 * The community module: news and activity reports (and, next, honours, volunteers, forums and
 * events). Other modules, the app and routes import only this file.
 */
export { communityRouter } from './community.routes.js';
export { latestNews, newsOfFund, type NewsCard } from './news.service.js';
