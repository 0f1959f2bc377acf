"""The building blocks of an article's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link"]


class QuoteBlock(blocks.StructBlock):
    """A statement attributed to a named person or a media source."""

    quote = blocks.TextBlock(label=_("نص التصريح"))
    speaker = blocks.CharBlock(label=_("صاحب التصريح"), max_length=120)
    role = blocks.CharBlock(label=_("الصفة"), max_length=160, required=False)
    source = blocks.CharBlock(label=_("المصدر الإعلامي"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("تصريح منسوب")
        template = "news/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("الصورة"))
    caption = blocks.CharBlock(label=_("التعليق"), max_length=255, required=False)
    credit = blocks.CharBlock(label=_("المصدر/المصور"), max_length=120, required=False)

    class Meta:
        icon = "image"
        label = _("صورة مع تعليق")
        template = "news/blocks/image.html"


class RelatedLinkBlock(blocks.StructBlock):
    """An inline "read also" link to another story of the network."""

    page = blocks.PageChooserBlock(label=_("المقال"), page_type="news.ArticlePage")
    label = blocks.CharBlock(label=_("عنوان بديل"), max_length=160, required=False)

    class Meta:
        icon = "link"
        label = _("اقرأ أيضًا")
        template = "news/blocks/related_link.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("فقرة"), template="news/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = EmbedBlock(label=_("محتوى مضمّن"), template="news/blocks/embed.html")
    related_link = RelatedLinkBlock()
