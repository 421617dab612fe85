'use client';
/** The bulk controls above the list: what is selected, and removing it or every app. */
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';

type Props = {
  selectedCount: number;
  onRevokeSelected: () => void;
  onClearSelection: () => void;
  onRevokeAll: () => void;
  /** "all" means every app, so it is offered only when no search or filter narrows the view */
  showRevokeAll: boolean;
};

export function BulkBar({
  selectedCount,
  onRevokeSelected,
  onClearSelection,
  onRevokeAll,
  showRevokeAll,
}: Props) {
  const t = useTranslations('apps');
  return (
    <div className="flex flex-wrap items-center gap-2">
      {selectedCount > 0 && (
        <>
          <span className="text-sm font-medium">
            {t('selectedCount', { count: selectedCount })}
          </span>
          <Button variant="danger" onClick={onRevokeSelected}>
            {t('revokeSelected')}
          </Button>
          <Button variant="secondary" onClick={onClearSelection}>
            {t('clearSelection')}
          </Button>
        </>
      )}
      {selectedCount === 0 && showRevokeAll && (
        <Button variant="ghost" onClick={onRevokeAll}>
          {t('revokeAll')}
        </Button>
      )}
    </div>
  );
}
