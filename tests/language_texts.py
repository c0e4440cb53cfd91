"""Our own short articles in the languages the archive meets most, for language tests.

The same report told four ways (written for these tests, not taken from any corpus):
long enough to be sure of, as real articles are.
"""

KK = (
    "Алматыдағы «Атажұрт» ұйымының кеңсесінде отбасылар туыстары туралы куәлік береді. "
    "Олардың көбі Шыңжаңдағы лагерьлерде ұсталған. Бір әйел күйеуінің екі жылдан бері "
    "хабарсыз кеткенін айтты. Ұйым бұл куәліктерді жазып алып, интернетке жариялайды."
)
RU = (
    "В офисе организации «Атажурт» в Алматы семьи дают показания о своих родственниках. "
    "Многие из них содержатся в лагерях в Синьцзяне. Одна женщина рассказала, что её муж "
    "пропал два года назад. Организация записывает эти показания и публикует их в интернете."
)
ZH = (
    "在阿拉木图的一个办公室里，家属们讲述了他们亲人的遭遇。许多人被关押在新疆的营地里。"
    "一位妇女说，她的丈夫已经失踪两年了。这个组织记录这些证词并在网上发布。"
)
EN = (
    "In an office of the Atajurt organisation in Almaty, families give testimony about their "
    "relatives. Many of them are held in camps in Xinjiang. One woman said her husband "
    "disappeared two years ago. The organisation records these testimonies and publishes them online."
)
# Two more paragraphs, for a saved page: an extractor wants a page's worth of text.
ZH_MORE = (
    "她说，她每个星期都去那个办公室，希望能得到一些消息。工作人员把她的话录成视频，"
    "然后把视频放到网上，让更多的人知道发生了什么。"
    "另一位老人说，他的两个儿子都在营地里。他已经三年没有听到他们的声音了。"
    "他说他只想知道孩子们是否还活着，是否还有机会再见一面。"
)
