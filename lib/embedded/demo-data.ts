/**
 * The demo world the embedded backend starts with: a scope catalogue, apps and
 * three people. Plain data; `seed.ts` writes it. Times are relative to the
 * moment of seeding so "last active" stays believable.
 */

import type { ClientSource } from './seed';

export type ScopeSeed = { name: string; en: string; ja: string };

export const SCOPE_CATALOGUE: readonly ScopeSeed[] = [
  { name: 'openid', en: 'Confirm who you are', ja: 'あなたが誰であるかを確認する' },
  { name: 'profile', en: 'See your name and profile picture', ja: '名前とプロフィール写真を見る' },
  { name: 'email', en: 'See your email address', ja: 'メールアドレスを見る' },
  { name: 'address', en: 'See your postal address', ja: '住所を見る' },
  {
    name: 'offline_access',
    en: 'Keep access while you are away',
    ja: 'あなたが利用していない間もアクセスを続ける',
  },
  { name: 'photos.read', en: 'View your photos and albums', ja: '写真とアルバムを見る' },
  {
    name: 'photos.write',
    en: 'Upload, edit and delete your photos',
    ja: '写真のアップロード・編集・削除',
  },
  { name: 'contacts.read', en: 'See your contacts', ja: '連絡先を見る' },
  { name: 'calendar.read', en: 'See your calendar events', ja: 'カレンダーの予定を見る' },
  {
    name: 'calendar.write',
    en: 'Create and change your calendar events',
    ja: 'カレンダーの予定を作成・変更する',
  },
  { name: 'payments.read', en: 'See your payment history', ja: '支払い履歴を見る' },
  {
    name: 'payments.initiate',
    en: 'Start payments from your account',
    ja: 'あなたの口座から支払いを開始する',
  },
];

export type DemoApp = {
  slug: string;
  /** the untagged default name; '' for an app named only in Japanese (`nameJa`) */
  name: string;
  nameJa?: string;
  description: string;
  descriptionJa?: string;
  developer: string;
  /** has a logo at /logos/<slug>.svg; the others show a monogram */
  logo: boolean;
  scopes: readonly string[];
  /** Authlete's clientSource, for an app that registered itself; absent: the operators did */
  clientSource?: ClientSource;
  /** the service's own app: carries the first-party attribute (FIRST_PARTY_ATTRIBUTE's default) */
  firstParty?: boolean;
  /** granted long ago: every access and renewal has expired, yet the service still lists it */
  expired?: boolean;
  /**
   * How it renews, where that differs from its scopes: `without_offline_access`, the service
   * gave it refresh tokens though it never asked for offline_access (so it can act while the
   * person is away, and only "Stop renewing" ends that); `stopped`, it holds offline_access but
   * its renewal was stopped yesterday, so it acts only while its access lasts.
   */
  renewal?: 'without_offline_access' | 'stopped';
  /**
   * Devices the person also let the app in from, each one more grant: a code typed on the device
   * (DEVICE_CODE), labelled by the `device` token property (TOKEN_LABEL_PROPERTY's default)
   */
  devices?: readonly string[];
};

export const DEMO_APPS: readonly DemoApp[] = [
  {
    slug: 'photoshare',
    name: 'PhotoShare Pro',
    nameJa: 'フォトシェア プロ',
    description: 'Share albums with friends and family.',
    descriptionJa: '友だちや家族とアルバムを共有します。',
    developer: 'Lumen Labs',
    logo: true,
    scopes: ['openid', 'profile', 'photos.read', 'photos.write', 'offline_access'],
  },
  {
    slug: 'budget-buddy',
    name: 'Budget Buddy',
    nameJa: '家計簿バディ',
    description: 'Tracks your spending and plans your budget.',
    descriptionJa: '支出を記録して予算を立てます。',
    developer: 'Pennywise Inc.',
    logo: true,
    scopes: ['openid', 'email', 'payments.read', 'offline_access'],
  },
  {
    slug: 'calsync',
    name: 'CalSync',
    description: 'Keeps your calendars in step across devices.',
    developer: 'Timewise',
    logo: true,
    scopes: ['openid', 'calendar.read', 'calendar.write', 'offline_access'],
  },
  {
    slug: 'sakura-calendar',
    name: 'Sakura Calendar',
    nameJa: 'さくらカレンダー',
    description: 'A seasonal calendar with Japanese holidays.',
    descriptionJa: '日本の祝日入りの季節のカレンダー。',
    developer: 'Hanami Soft',
    logo: true,
    scopes: ['openid', 'profile', 'calendar.read'],
  },
  {
    slug: 'contact-bridge',
    name: 'ContactBridge',
    description: 'Merges contacts from your accounts.',
    developer: 'Bridgeworks',
    logo: false,
    scopes: ['openid', 'contacts.read', 'email'],
  },
  {
    slug: 'printpal',
    name: 'PrintPal',
    description: 'Prints photo books from your albums.',
    developer: 'Inkwell Studio',
    logo: true,
    scopes: ['openid', 'photos.read', 'address', 'payments.initiate'],
  },
  {
    slug: 'tripnote',
    name: 'TripNote',
    nameJa: '旅ノート',
    description: 'A travel journal with maps and photos.',
    descriptionJa: '地図と写真で旅を記録します。',
    developer: 'Tabi Works',
    logo: true,
    scopes: ['openid', 'profile', 'photos.read', 'calendar.read'],
  },
  {
    slug: 'fittrack',
    name: 'FitTrack',
    description: 'Logs workouts and shares progress.',
    developer: 'Stride Health',
    logo: false,
    scopes: ['openid', 'profile', 'email'],
  },
  {
    slug: 'recipe-box',
    name: 'Recipe Box',
    description: 'Saves recipes and plans meals on your calendar.',
    developer: 'Kitchen Table Co.',
    logo: true,
    scopes: ['openid', 'calendar.write'],
  },
  {
    slug: 'shoplink',
    name: 'ShopLink',
    description: 'Checks out faster at partner shops.',
    developer: 'Market Square',
    logo: false,
    scopes: ['openid', 'email', 'address', 'payments.initiate'],
  },
  {
    slug: 'invoiceflow',
    name: 'InvoiceFlow',
    description: 'Sends invoices and tracks payments.',
    developer: 'Ledgerline',
    logo: true,
    scopes: ['openid', 'email', 'payments.read', 'payments.initiate', 'offline_access'],
  },
  {
    slug: 'mail-merge-plus',
    name: 'Mail Merge Plus',
    description: 'Sends personalised mail to your contacts.',
    developer: 'Outbox Tools',
    logo: false,
    scopes: ['openid', 'email', 'contacts.read'],
  },
  {
    slug: 'photo-frame-live',
    name: 'Photo Frame Live',
    description: 'Shows your latest photos on a digital frame.',
    developer: 'Hearth Devices',
    logo: true,
    scopes: ['photos.read', 'offline_access'],
    devices: ['Living room photo frame'],
  },
  {
    slug: 'family-hub',
    name: 'Family Hub',
    nameJa: 'ファミリーハブ',
    description: 'A shared calendar and photo wall for the family.',
    descriptionJa: '家族で使う共有カレンダーと写真ボード。',
    developer: 'Hearth Devices',
    logo: false,
    scopes: ['openid', 'profile', 'calendar.read', 'photos.read'],
    renewal: 'without_offline_access',
  },
  {
    slug: 'scan-and-save',
    name: 'Scan & Save',
    description: 'Scans receipts into your photo library.',
    developer: 'Paperless Labs',
    logo: true,
    scopes: ['openid', 'photos.write'],
  },
  {
    slug: 'event-buddy',
    name: 'Event Buddy',
    description: 'Invites your contacts to events.',
    developer: 'Gather',
    logo: false,
    scopes: ['openid', 'contacts.read', 'calendar.write'],
  },
  {
    slug: 'kakeibo-cloud',
    name: 'Kakeibo Cloud',
    nameJa: '家計簿クラウド',
    description: 'Household accounts in the cloud.',
    descriptionJa: 'クラウドで家計簿をつけます。',
    developer: 'Pennywise Inc.',
    logo: false,
    scopes: ['openid', 'payments.read'],
  },
  {
    slug: 'storybook',
    name: 'StoryBook',
    description: 'Turns albums into illustrated stories.',
    developer: 'Lumen Labs',
    logo: true,
    scopes: ['openid', 'profile', 'photos.read'],
  },
  {
    slug: 'meetup-scheduler',
    name: 'MeetUp Scheduler',
    description: 'Finds a time that suits everyone.',
    developer: 'Timewise',
    logo: false,
    scopes: ['openid', 'email', 'calendar.read', 'calendar.write'],
  },
  {
    slug: 'gift-ledger',
    name: 'Gift Ledger',
    description: 'Remembers who gave what, and when.',
    developer: 'Ledgerline',
    logo: false,
    scopes: ['openid', 'contacts.read', 'payments.read'],
  },
  {
    slug: 'album-archiver',
    name: 'Album Archiver',
    description: 'Backs up your albums every night.',
    developer: 'Archive Works',
    logo: true,
    scopes: ['photos.read', 'offline_access'],
    renewal: 'stopped',
  },
  {
    slug: 'quick-pay',
    name: 'Quick Pay',
    description: 'Pay friends back in two taps.',
    developer: 'Swift Payments',
    logo: true,
    scopes: ['openid', 'profile', 'contacts.read', 'payments.initiate'],
  },
  {
    slug: 'contact-cleaner',
    name: 'Contact Cleaner',
    description: 'Finds and merges duplicate contacts.',
    developer: 'Bridgeworks',
    logo: false,
    scopes: ['contacts.read'],
  },
  {
    slug: 'travel-wallet',
    name: 'Travel Wallet',
    nameJa: 'トラベルウォレット',
    description: 'Keeps tickets and bookings in one place.',
    descriptionJa: 'チケットと予約をひとつにまとめます。',
    developer: 'Tabi Works',
    logo: true,
    scopes: ['openid', 'email', 'payments.read', 'offline_access'],
  },
  {
    // An AI agent that registered itself through dynamic client registration, as more do.
    slug: 'research-agent',
    name: 'Research Agent',
    nameJa: 'リサーチエージェント',
    description: 'An AI assistant that reads your calendar to plan your week.',
    descriptionJa: 'カレンダーを読んで一週間の予定を立てる AI アシスタント。',
    developer: 'Autonomo AI',
    logo: false,
    scopes: ['openid', 'calendar.read', 'offline_access'],
    clientSource: 'DYNAMIC_REGISTRATION',
  },
  {
    // Named and described only in Japanese: an English page shows its Japanese name, marked
    // lang="ja" (lib/grants/localize.ts).
    slug: 'machi-bus',
    name: '',
    nameJa: 'まちバス時刻表',
    description: '',
    descriptionJa: '近くのバス停の時刻表と遅れをお知らせします。',
    developer: 'Machi Transit',
    logo: false,
    scopes: ['openid', 'address'],
  },
  {
    // Granted long ago and never renewed since: it can no longer act, the clean-up's example.
    slug: 'photo-frame',
    name: 'Living Room Frame',
    nameJa: 'リビングのフォトフレーム',
    description: 'Shows your latest photos on a frame at home.',
    descriptionJa: '最新の写真を自宅のフレームに表示します。',
    developer: 'Lumen Labs',
    logo: false,
    scopes: ['photos.read', 'offline_access'],
    expired: true,
  },
  {
    // The service's own app: no bulk removal or clean-up touches it.
    slug: 'account-center',
    name: 'Example Account Center',
    nameJa: 'Example アカウントセンター',
    description: "The service's own app for your account settings.",
    descriptionJa: 'アカウント設定のためのサービス自身のアプリです。',
    developer: 'Example Service',
    logo: false,
    scopes: ['openid', 'profile', 'email'],
    firstParty: true,
  },
];

export type DemoUser = {
  login: string;
  subject: string;
  displayName: string;
  /** slugs of the apps this person has authorized, oldest first */
  apps: readonly string[];
};

/** Shown on the sign-in page and in the README while the embedded backend is active. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS: readonly DemoUser[] = [
  {
    login: 'alice',
    subject: 'demo-alice',
    displayName: 'Alice Example',
    apps: DEMO_APPS.slice(0, 23).map((app) => app.slug),
  },
  {
    login: 'bob',
    subject: 'demo-bob',
    displayName: 'Bob Example',
    apps: ['photo-frame', 'account-center', 'travel-wallet', 'research-agent', 'machi-bus'],
  },
  { login: 'carol', subject: 'demo-carol', displayName: 'Carol Example', apps: [] },
];
